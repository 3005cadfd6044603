/**
 * The object the preload exposes as `window.aegis`: the contract's calls and events over IPC and
 * nothing else. Names are checked against the contract here too, so the renderer cannot reach any
 * other channel; listeners get only the payload, never Electron's event object.
 */
import type { EventName } from '../shared/contract';
import { callChannel, EVENT_CHANNEL, isCallName, isEventName, type AegisBridge, type CallResult } from '../shared/transport';

/** The parts of Electron's `ipcRenderer` the bridge uses (a stand-in in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Builds the bridge over `ipcRenderer`. */
export function createBridge(ipcRenderer: IpcRendererLike): AegisBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let subscribed = false;
  const dispatch = (_event: unknown, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return;
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  return {
    call(name, input) {
      if (!isCallName(name)) return Promise.reject(new Error(`Unknown call "${String(name)}".`));
      return ipcRenderer.invoke(callChannel(name), input) as Promise<CallResult<never>>;
    },
    onEvent(name, listener) {
      if (!isEventName(name)) throw new Error(`Unknown event "${String(name)}".`);
      if (typeof listener !== 'function') throw new Error('onEvent needs a listener function.');
      if (!subscribed) {
        ipcRenderer.on(EVENT_CHANNEL, dispatch);
        subscribed = true;
      }
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

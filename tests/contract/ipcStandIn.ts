/**
 * A faithful in-process stand-in for Electron IPC, used where no Electron binary exists. It keeps the
 * semantics the transport relies on: one `handle` per channel (a second one throws), `invoke` crossing
 * asynchronously with arguments and results structured-cloned (functions refused as Electron refuses
 * them), a rejected handler surfacing as `Error invoking remote method '<channel>': <error>`, a
 * missing handler rejecting, `webContents.send` delivering cloned arguments to `ipcRenderer.on`
 * listeners as `(event, ...args)`, and every message carrying its sender webContents and frame.
 */
import type { IpcMainLike } from '../../electron/main/ipcHandlers';
import type { IpcRendererLike } from '../../electron/preload/createBridge';

/** A frame as `event.senderFrame` shows it: its URL and its parent (null for a main frame). */
export interface StandInFrame {
  url: string;
  parent: StandInFrame | null;
}

/** A webContents: an id, its main frame, and `send` to its renderer. */
export interface StandInContents {
  id: number;
  mainFrame: StandInFrame;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  destroy(): void;
}

type MainListener = (event: { sender: StandInContents; senderFrame: StandInFrame | null }, ...args: unknown[]) => Promise<unknown>;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The cross-process hop: a macrotask later, with a structured clone (DataCloneError like Electron). */
function cross<T>(value: T): Promise<T> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(structuredClone(value));
      } catch (err) {
        reject(new Error(`An object could not be cloned. (${(err as Error).message})`));
      }
    });
  });
}

/** One stand-in IPC world: an `ipcMain`, webContents you create, and an `ipcRenderer` per frame. */
export function createIpcStandIn() {
  const handlers = new Map<string, MainListener>();
  const rendererListeners = new Map<number, Map<string, Set<RendererListener>>>();
  let nextId = 1;

  const ipcMain: IpcMainLike & { handlerCount(): number } = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener as MainListener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
    handlerCount: () => handlers.size,
  };

  /** A new webContents whose main frame shows `url`. */
  function createContents(url: string): StandInContents {
    const id = nextId++;
    let destroyed = false;
    const listeners = new Map<string, Set<RendererListener>>();
    rendererListeners.set(id, listeners);
    const contents: StandInContents = {
      id,
      mainFrame: { url, parent: null },
      send(channel, ...args) {
        if (destroyed) throw new Error('Object has been destroyed');
        void cross(args).then((cloned) => {
          for (const l of listeners.get(channel) ?? []) l({ sender: null, ports: [] }, ...cloned);
        });
      },
      isDestroyed: () => destroyed,
      destroy: () => {
        destroyed = true;
      },
    };
    return contents;
  }

  /** The `ipcRenderer` of `frame` (the main frame or a sub-frame) inside `contents`. */
  function rendererFor(contents: StandInContents, frame: StandInFrame = contents.mainFrame): IpcRendererLike {
    const listeners = rendererListeners.get(contents.id) as Map<string, Set<RendererListener>>;
    return {
      async invoke(channel, ...args) {
        const clonedArgs = await cross(args);
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
        let result: unknown;
        try {
          result = await handler({ sender: contents, senderFrame: frame }, ...clonedArgs);
        } catch (err) {
          throw new Error(`Error invoking remote method '${channel}': ${String(err)}`, { cause: err });
        }
        return cross(result);
      },
      on(channel, listener) {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(listener);
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
      },
    };
  }

  return { ipcMain, createContents, rendererFor };
}

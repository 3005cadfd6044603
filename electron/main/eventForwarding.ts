/** Sends every back-end event to one window's renderer on the contract's event channel. */
import type { Backend } from '../services/backendTypes';
import { EVENT_CHANNEL } from '../shared/transport';

/** The parts of a `WebContents` used here. */
export interface EventSink {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Forwards `backend` events to `target` as `(name, payload)`; returns the unsubscribe function. */
export function forwardEvents(backend: Pick<Backend, 'onEvent'>, target: EventSink): () => void {
  return backend.onEvent((event) => {
    if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event.name, event.payload);
  });
}

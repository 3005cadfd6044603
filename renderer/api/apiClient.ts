/**
 * The one client interface the renderer uses for everything: typed from the contract, the same on
 * every transport (Electron IPC through the preload, or HTTP + WebSocket to the loopback server).
 */
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../electron/shared/contract';

/** The renderer's API. Failed calls reject with `ApiCallError` (see `electron/shared/transport`). */
export interface ApiClient {
  /** Which transport carries the calls. */
  readonly transport: 'ipc' | 'http';
  /** Runs one contract call; resolves to its output (typed arrays arrive as typed arrays). */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  /** Subscribes to one contract event; returns the function that unsubscribes. */
  onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Releases the transport (closes the event socket in browser mode). */
  close(): void;
}

/**
 * The browser transport: calls are `POST /api/call/<name>` with the token in the Authorization
 * header; events arrive on one WebSocket (`/api/events?token=…`). Typed arrays travel as Aegis binary
 * messages both ways. The first call waits for the socket, so no event caused by a call is missed.
 */
import type { EventName, EventPayload } from '../../electron/shared/contract';
import { BINARY_WIRE_MIME, containsBinary, decodeBinaryMessage, encodeBinaryMessage } from '../../electron/shared/binaryWire';
import { ApiCallError } from '../../electron/shared/transport';
import type { ApiClient } from './apiClient';

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** The server's origin, e.g. `http://127.0.0.1:5123`. */
  baseUrl: string;
  /** The per-launch token printed by `aegis serve`. */
  token: string;
  /** `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** WebSocket constructor to use (default: the global one). */
  WebSocket?: typeof WebSocket;
  /** Milliseconds before a lost event socket is reopened (default 1000). */
  reconnectMs?: number;
}

type Listener = (payload: unknown) => void;

/** Connects to a loopback server as an {@link ApiClient}. */
export function createHttpTransport(options: HttpTransportOptions): ApiClient {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const Socket = options.WebSocket ?? WebSocket;
  const listeners = new Map<EventName, Set<Listener>>();
  let closed = false;
  let socket: WebSocket | null = null;

  const dispatch = (message: unknown) => {
    const { name, payload } = message as { name: EventName; payload: unknown };
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  let retryMs = options.reconnectMs ?? 1000;

  /** Opens the event socket; resolves when it is open or has failed (calls never hang on it). */
  const connect = (): Promise<void> =>
    new Promise((settle) => {
      const url = new URL('/api/events', options.baseUrl);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      url.searchParams.set('token', options.token);
      let ws: WebSocket;
      try {
        ws = new Socket(url.toString());
      } catch {
        settle();
        return;
      }
      socket = ws;
      ws.binaryType = 'arraybuffer';
      ws.addEventListener('open', () => {
        retryMs = options.reconnectMs ?? 1000;
        settle();
      });
      ws.addEventListener('message', (e: MessageEvent) => {
        dispatch(typeof e.data === 'string' ? JSON.parse(e.data) : decodeBinaryMessage(e.data as ArrayBuffer));
      });
      ws.addEventListener('close', () => {
        settle();
        if (closed || socket !== ws) return;
        // Back off (up to 30 s) while the server is away, so a stopped server is not hammered.
        setTimeout(() => !closed && void connect(), retryMs);
        retryMs = Math.min(retryMs * 2, 30_000);
      });
    });
  const socketReady = connect();

  return {
    transport: 'http',
    async call(name, input) {
      await socketReady;
      const binary = containsBinary(input);
      let response: Response;
      try {
        response = await doFetch(new URL(`/api/call/${name}`, options.baseUrl), {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': binary ? BINARY_WIRE_MIME : 'application/json',
          },
          body: binary ? (encodeBinaryMessage(input) as Uint8Array<ArrayBuffer>) : JSON.stringify(input),
        });
      } catch (err) {
        throw new ApiCallError(name, 'transport', `${name}: the Aegis server cannot be reached (${(err as Error).message}).`);
      }
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        const code = body?.error?.code;
        const known = code === 'bad-input' || code === 'not-found' || code === 'failed' ? code : 'transport';
        throw new ApiCallError(name, known, body?.error?.message ?? `${name}: HTTP ${response.status}.`);
      }
      if (type.startsWith(BINARY_WIRE_MIME)) return decodeBinaryMessage(await response.arrayBuffer()) as never;
      return (await response.json()) as never;
    },
    onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(name) ?? new Set<Listener>();
      listeners.set(name, set);
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}

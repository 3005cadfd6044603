/**
 * `GET /api/events` (WebSocket): pushes every back-end event to the connected pages. A text frame
 * carries `{ name, payload }` as JSON; an event holding typed arrays is one binary frame in the Aegis
 * binary format. Upgrades pass the same gate as every request (token in `?token=`, since browsers
 * cannot set headers on a WebSocket) and are refused with a plain HTTP 401/403 otherwise.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../services/backendTypes';
import { containsBinary, encodeBinaryMessage } from '../shared/binaryWire';
import { checkRequest, refusalBody } from './requestGuard';

/** The path of the event socket. */
export const EVENTS_PATH = '/api/events';

/** The event hub of one server: accepts sockets, fans events out, closes everything on `close`. */
export interface EventSocket {
  /** Handles an HTTP upgrade request (already known to be for {@link EVENTS_PATH}). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Number of open sockets (for tests and logs). */
  clientCount(): number;
  /** Unsubscribes from the back end and closes every socket. */
  close(): void;
}

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden' } as const;

/** Creates the event hub for `backend`, guarded by `token` for a server on `port`. */
export function createEventSocket(backend: Backend, token: string, port: () => number): EventSocket {
  // Pages never send anything on this socket; a tiny limit makes abuse pointless.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const unsubscribe = backend.onEvent((event) => {
    const message = containsBinary(event.payload) ? encodeBinaryMessage(event) : JSON.stringify(event);
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(message);
    }
  });

  return {
    handleUpgrade(req, socket, head) {
      const refusal = checkRequest({ url: req.url ?? '/', headers: req.headers }, token, port(), 'header-or-query');
      if (refusal) {
        const body = refusalBody(refusal);
        socket.end(
          `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        // A malformed frame (over the payload limit, reserved opcode, unmasked, invalid UTF-8) makes
        // ws emit 'error'; unheard, that error would stop the whole server. It costs only this socket.
        ws.on('error', () => ws.terminate());
        ws.on('message', () => ws.close(1003, 'This socket only sends.'));
        wss.emit('connection', ws, req);
      });
    },
    clientCount: () => wss.clients.size,
    close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

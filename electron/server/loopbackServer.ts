/**
 * Browser mode: the contract over HTTP + WebSocket on 127.0.0.1 only, guarded by a random per-launch
 * token, plus the built renderer with a strict CSP. Open `url` (it carries the token) in a browser.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Backend } from '../services/backendTypes';
import { handleCallRequest } from './callRoute';
import { contentSecurityPolicy } from './contentSecurityPolicy';
import { createEventSocket, EVENTS_PATH } from './eventSocket';
import { checkRequest, refusalBody, tokenCookieName, type TokenSources } from './requestGuard';
import { parseRequestTarget } from './requestTarget';
import { readStaticFile } from './staticFiles';

/** The only address the server ever binds. */
export const LOOPBACK_HOST = '127.0.0.1';

const CALL_PREFIX = '/api/call/';

/** Options of {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /** The handlers and events to carry. The caller still owns it (closing the server does not close it). */
  backend: Backend;
  /** The built renderer folder (holds index.html). */
  rendererDir: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** The access token; default 32 random bytes, base64url. Fixed only by tests and `--token`. */
  token?: string;
}

/** A running server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT/?token=…`: the address to open. */
  url: string;
  port: number;
  token: string;
  /** The address the socket is bound to, as the OS reports it (always 127.0.0.1, IPv4). */
  boundAddress: AddressInfo;
  /** Closes every socket and stops listening. */
  close(): Promise<void>;
}

/** Headers on every answer that is not an API call. */
function pageHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** Starts the server; resolves once it listens. Rejects (e.g. EADDRINUSE) with the listen error. */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = options.port ?? 0;
  const events = createEventSocket(options.backend, token, () => port);

  const refuse = (req: IncomingMessage, res: ServerResponse, sources: TokenSources): boolean => {
    const refusal = checkRequest({ url: req.url ?? '/', headers: req.headers }, token, port, sources);
    if (!refusal) return false;
    res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(refusalBody(refusal));
    return true;
  };

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    const target = parseRequestTarget(req.url);
    if (!target) {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: { code: 'bad-input', message: 'Unreadable request target: use a path such as /api/call/NAME.' } }));
      return;
    }
    const { pathname, searchParams } = target;
    if (pathname.startsWith('/api/')) {
      if (refuse(req, res, 'header')) return;
      if (pathname.startsWith(CALL_PREFIX)) {
        void handleCallRequest(req, res, options.backend, pathname.slice(CALL_PREFIX.length));
      } else {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'not-found', message: `No API route ${pathname}.` } }));
      }
      return;
    }
    if (refuse(req, res, 'page')) return;
    void servePage(req, res, pathname, searchParams.has('token')).catch((err: unknown) => failed(res, err));
  };

  // Whatever one request does, the server stays up: an unexpected throw answers 500 (or drops that one
  // connection when the answer has started) and nothing propagates to the process.
  const failed = (res: ServerResponse, err: unknown): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: { code: 'failed', message: `The server could not answer: ${(err as Error)?.message ?? String(err)}` } }));
  };

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      failed(res, err);
    }
  });

  const servePage = async (req: IncomingMessage, res: ServerResponse, pathname: string, tokenInQuery: boolean) => {
    const headers = pageHeaders(port);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (tokenInQuery) {
      // The page's own scripts and styles cannot carry the token; a strict, port-scoped cookie does.
      headers['set-cookie'] = `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    const file = await readStaticFile(options.rendererDir, pathname);
    if (!file) {
      const builtIndex = await readStaticFile(options.rendererDir, '/');
      const status = builtIndex ? 404 : 503;
      const text = builtIndex ? `Not found: ${pathname}` : `The renderer is not built in ${options.rendererDir}: run "npm run build".`;
      res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.contentType, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  server.on('upgrade', (req, socket, head) => {
    // A reset or malformed peer must cost only its own socket.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseRequestTarget(req.url);
      if (target?.pathname === EVENTS_PATH) events.handleUpgrade(req, socket, head);
      else if (target) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } catch {
      socket.destroy();
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const boundAddress = server.address() as AddressInfo;
  port = boundAddress.port;

  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    boundAddress,
    close: () =>
      new Promise<void>((resolveClose) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

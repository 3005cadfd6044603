/** Polls the loopback server until it answers (any HTTP status counts: it is listening). */
import { request } from 'node:http';

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/**
 * Resolves once 127.0.0.1:`port` answers HTTP.
 * @throws Error after `timeoutMs` milliseconds without an answer.
 */
export async function waitForServer(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The Aegis server did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000} s.`);
}

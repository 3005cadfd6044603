/**
 * The loopback server's gate, probed with raw requests to 127.0.0.1 (only ever 127.0.0.1; foreign
 * Host and Origin values are headers we send there, never addresses we connect to): a missing or
 * wrong token is 401, a foreign Origin or non-loopback Host is 403, on HTTP and on the WebSocket,
 * and the handler never runs for a refused request.
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLoopbackServer, type LoopbackServer } from '../../electron/server/loopbackServer';
import type { Backend } from '../../electron/services/backendTypes';
import { createFakeBackend } from '../contract/fakeBackend';

const TOKEN = 'test-token-0123456789abcdef';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP request to 127.0.0.1:port with exactly the headers given (Host included). */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers }, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A call with the right token unless `headers` overrides it. */
function callApi(port: number, name: string, headers: Record<string, string> = {}, body = '{}') {
  return raw(port, `/api/call/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

/** Opens the event socket; resolves to the HTTP status of a refusal, or 101 when it opened. */
function socketStatus(port: number, query: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events${query}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

describe('loopback server security', () => {
  let backend: Backend;
  let server: LoopbackServer;
  let port: number;
  let calls = 0;
  let root: string;

  beforeAll(async () => {
    backend = createFakeBackend();
    const info = backend.handlers['app.info'];
    backend.handlers['app.info'] = async (input) => {
      calls++;
      return info(input);
    };
    root = mkdtempSync(join(tmpdir(), 'aegis-server-'));
    mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Aegis</title>');
    writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside the renderer folder');
    server = await startLoopbackServer({ backend, rendererDir: join(root, 'renderer'), token: TOKEN });
    port = server.port;
  });
  afterAll(async () => {
    await server.close();
    await backend.close();
  });

  it('listens on 127.0.0.1 (IPv4 loopback) only and prints a URL carrying the token', () => {
    expect(server.boundAddress.address).toBe('127.0.0.1');
    expect(server.boundAddress.family).toBe('IPv4');
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
  });

  it('generates a fresh random token per launch when none is given', async () => {
    const a = await startLoopbackServer({ backend, rendererDir: root });
    const b = await startLoopbackServer({ backend, rendererDir: root });
    await Promise.all([a.close(), b.close()]);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('answers a call with the right token', async () => {
    const before = calls;
    const res = await callApi(port, 'app.info');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toMatchObject({ version: '0.0.0-fake' });
    expect(calls).toBe(before + 1);
  });

  it('refuses a missing or wrong token with 401, without running the handler', async () => {
    const before = calls;
    const missing = await callApi(port, 'app.info', { authorization: '' });
    const wrong = await callApi(port, 'app.info', { authorization: `Bearer ${TOKEN}x` });
    const shorter = await callApi(port, 'app.info', { authorization: 'Bearer t' });
    // The API takes the token only from the header, never from the URL or a cookie.
    const inQuery = await raw(port, `/api/call/app.info?token=${TOKEN}`, { method: 'POST', body: '{}' });
    for (const res of [missing, wrong, shorter, inQuery]) {
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body.toString()).error.code).toBe('unauthorized');
    }
    expect(JSON.parse(missing.body.toString()).error.message).toMatch(/Missing token/);
    expect(JSON.parse(wrong.body.toString()).error.message).toMatch(/Wrong token/);
    expect(calls).toBe(before);
  });

  it('refuses a foreign Origin with 403 even with the right token', async () => {
    const before = calls;
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`]) {
      const res = await callApi(port, 'app.info', { origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body.toString()).error.message).toMatch(/Origin/);
    }
    expect(calls).toBe(before);
    expect((await callApi(port, 'app.info', { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await callApi(port, 'app.info', { origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('refuses a non-loopback Host with 403 (DNS rebinding) even with the right token', async () => {
    const before = calls;
    for (const host of ['evil.example', `evil.example:${port}`, `192.168.1.5:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      const res = await callApi(port, 'app.info', { host });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body.toString()).error.message).toMatch(/Host/);
    }
    expect(calls).toBe(before);
    expect((await callApi(port, 'app.info', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('guards the event WebSocket the same way', async () => {
    expect(await socketStatus(port, `?token=${TOKEN}`)).toBe(101);
    expect(await socketStatus(port, '')).toBe(401);
    expect(await socketStatus(port, '?token=wrong')).toBe(401);
    expect(await socketStatus(port, `?token=${TOKEN}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await socketStatus(port, `?token=${TOKEN}`, { host: 'evil.example' })).toBe(403);
    expect(await socketStatus(port, `?token=${TOKEN}`, { host: `192.168.1.5:${port}` })).toBe(403);
  });

  it('serves the page only with the token, sets a strict cookie for its assets, and sends the CSP', async () => {
    expect((await raw(port, '/')).status).toBe(401);
    expect((await raw(port, '/?token=wrong')).status).toBe(401);
    expect((await raw(port, '/assets/app.js')).status).toBe(401);
    expect((await raw(port, `/?token=${TOKEN}`, { headers: { host: 'evil.example' } })).status).toBe(403);

    const page = await raw(port, `/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>Aegis</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain(`aegis_token_${port}=${TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const asset = await raw(port, '/assets/app.js', { headers: { cookie: `aegis_token_${port}=${TOKEN}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    // The cookie opens pages, never the API (a forged cross-site call would carry it).
    const viaCookie = await callApi(port, 'app.info', { authorization: '', cookie: `aegis_token_${port}=${TOKEN}` });
    expect(viaCookie.status).toBe(401);
  });

  it('never serves a file outside the renderer folder', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const path of ['/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%5c..%5csecret.txt']) {
      const res = await raw(port, path, { headers: auth });
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toContain('outside');
    }
  });
});

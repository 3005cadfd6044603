/**
 * The HTTP face of a call on the wire: binary outputs as raw bytes (not base64 JSON), statuses and
 * plain-words bodies for bad JSON, an unknown call, a wrong method, a binary request body, and a
 * server started before the renderer was built.
 */
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../electron/server/loopbackServer';
import { BINARY_WIRE_MIME, decodeBinaryMessage, encodeBinaryMessage } from '../../electron/shared/binaryWire';
import { createFakeBackend, FAKE_ROWS, patternBytes } from '../contract/fakeBackend';

const TOKEN = 'call-route-token';

function post(port: number, path: string, body: Buffer | string, headers: Record<string, string> = {}, method = 'POST') {
  return new Promise<{ status: number; type: string; body: Buffer }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /api/call/<name>', () => {
  const backend = createFakeBackend();
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer({ backend, rendererDir: mkdtempSync(join(tmpdir(), 'aegis-empty-')), token: TOKEN });
  });
  afterAll(() => server.close());

  it('sends frame pixels as one binary message, about the size of the pixels themselves', async () => {
    const res = await post(server.port, '/api/call/frames.pixels', JSON.stringify({ imageId: 'aegis:fake:3' }));
    expect(res.status).toBe(200);
    expect(res.type).toBe(BINARY_WIRE_MIME);
    const pixelBytes = FAKE_ROWS * FAKE_ROWS * 2;
    // Base64 in JSON would be 4/3 the size; the binary message adds only a small header.
    expect(res.body.length).toBeGreaterThanOrEqual(pixelBytes);
    expect(res.body.length).toBeLessThan(pixelBytes + 1024);
    const out = decodeBinaryMessage(new Uint8Array(res.body)) as { data: Uint8Array; imageId: string };
    expect(out.imageId).toBe('aegis:fake:3');
    expect(Buffer.from(out.data).equals(Buffer.from(patternBytes(pixelBytes, 3)))).toBe(true);
  });

  it('accepts a binary request body and validates it like JSON', async () => {
    const res = await post(server.port, '/api/call/app.info', Buffer.from(encodeBinaryMessage({})), { 'content-type': BINARY_WIRE_MIME });
    expect(res.status).toBe(200);
    const bad = await post(server.port, '/api/call/jobs.get', Buffer.from(encodeBinaryMessage({ jobId: new Uint8Array(2) })), {
      'content-type': BINARY_WIRE_MIME,
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.message).toMatch(/^jobs\.get: invalid input: jobId/);
  });

  it('answers 400 with a plain message for a body that is not JSON', async () => {
    const res = await post(server.port, '/api/call/app.info', '{not json');
    expect(res.status).toBe(400);
    const { error } = JSON.parse(res.body.toString());
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(/^app\.info: unreadable request body: /);
  });

  it('answers 404 for an unknown call and 405 for a GET', async () => {
    const unknown = await post(server.port, '/api/call/files.delete', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString()).error).toEqual({ code: 'not-found', message: 'Unknown call "files.delete".' });
    const proto = await post(server.port, '/api/call/__proto__', '{}');
    expect(proto.status).toBe(404);
    expect((await post(server.port, '/api/call/app.info', '', {}, 'GET')).status).toBe(405);
  });

  it('says how to build the renderer when it is missing', async () => {
    const res = await post(server.port, `/?token=${TOKEN}`, '', {}, 'GET');
    expect(res.status).toBe(503);
    expect(res.body.toString()).toMatch(/npm run build/);
  });
});

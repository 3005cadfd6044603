/**
 * Browser mode survives a server restart: the event socket reopens on its own (backing off while
 * the server is away) and events reach the same subscribers again; calls fail with a transport error
 * in plain words while nothing listens.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startLoopbackServer } from '../../electron/server/loopbackServer';
import type { ApiCallError } from '../../electron/shared/transport';
import { createHttpTransport } from '../../renderer/api/httpTransport';
import { createFakeBackend } from './fakeBackend';

describe('HttpTransport across a server restart', () => {
  it('reconnects its event socket and keeps delivering events', async () => {
    const backend = createFakeBackend();
    const rendererDir = mkdtempSync(join(tmpdir(), 'aegis-reconnect-'));
    const token = 'reconnect-token-0123456789';
    const first = await startLoopbackServer({ backend, rendererDir, token });
    const client = createHttpTransport({
      baseUrl: `http://127.0.0.1:${first.port}`,
      token,
      WebSocket: NodeWebSocket as unknown as typeof WebSocket,
      reconnectMs: 20,
    });
    const finished: string[] = [];
    client.onEvent('job.finished', (j) => finished.push(j.jobId));
    await client.call('jobs.cancel', { jobId: 'before' });
    await vi.waitFor(() => expect(finished).toEqual(['before']));

    await first.close();
    const down = (await client.call('app.info', {}).catch((e: unknown) => e)) as ApiCallError;
    expect(down.code).toBe('transport');
    expect(down.message).toMatch(/^app\.info: the Aegis server cannot be reached/);

    const second = await startLoopbackServer({ backend, rendererDir, token, port: first.port });
    try {
      // Emitted by the back end directly: only a reopened socket can deliver it.
      await vi.waitFor(
        async () => {
          await backend.handlers['jobs.cancel']({ jobId: 'after' });
          expect(finished).toContain('after');
        },
        { timeout: 5000, interval: 100 },
      );
    } finally {
      client.close();
      await second.close();
    }
  });
});

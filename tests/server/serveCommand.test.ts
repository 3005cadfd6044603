/**
 * `aegis serve`: starts the back end and the loopback server, prints the URL with the token, answers
 * calls until interrupted, and rejects bad options and a busy port in plain words.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../electron/cli/command';
import { serve } from '../../electron/cli/commands/serve';

const TOKEN = 'serve-command-token-0123';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('aegis serve', () => {
  it('prints the URL, serves the workspace, and stops cleanly on Ctrl+C', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'aegis-serve-')), 'home');
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = serve.run(['--home', home, '--port', '0', '--token', TOKEN]);
    await vi.waitFor(() => expect(lines.join('\n')).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/\?token=/), { timeout: 10_000 });
    const url = new URL(/Open (\S+)/.exec(lines.join('\n'))![1]!);
    expect(url.searchParams.get('token')).toBe(TOKEN);

    const res = await fetch(new URL('/api/call/app.info', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await res.json()).toEqual({ version: expect.any(String), workspace: home, transport: 'http' });

    process.emit('SIGINT');
    await expect(exit).resolves.toBe(0);
    await expect(fetch(new URL('/api/call/app.info', url), { method: 'POST' })).rejects.toThrow();
  });

  it('rejects bad options with a usage message', async () => {
    await expect(serve.run(['--port', '70000'])).rejects.toThrow(new UsageError('--port must be a whole number from 0 to 65535, not "70000".'));
    await expect(serve.run(['--port'])).rejects.toThrow('--port needs a value.');
    await expect(serve.run(['--open'])).rejects.toThrow('unknown option "--open". See "aegis serve --help".');
    await expect(serve.run(['--token', 'short'])).rejects.toThrow(/at least 16 characters/);
    await expect(serve.run(['--token', 'sixteen;chars;here'])).rejects.toThrow(/only letters, digits/);
  });

  it('says when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const home = join(mkdtempSync(join(tmpdir(), 'aegis-serve-')), 'home');
    try {
      await expect(serve.run(['--home', home, '--port', String(port)])).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});

/**
 * The reader-study spec's own `aegis serve` (its own port and workspace, so killing it with SIGKILL
 * mid-read touches no other spec), started the way globalSetup starts the shared one, and an API
 * client on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import type { ApiClient } from '../../renderer/api/apiClient';
import { createHttpTransport } from '../../renderer/api/httpTransport';
import { E2E_PORT, E2E_TOKEN } from './e2eEnv';
import { waitForServer } from './waitForServer';

/** The port of the reader-study server (next to the shared e2e server's). */
export const READER_PORT = E2E_PORT + 3;
/** The app page on the reader-study server, opened in Reader-study mode. */
export const READER_URL = `http://127.0.0.1:${READER_PORT}/?token=${E2E_TOKEN}#mode=readerStudy`;

/** Starts `aegis serve` on READER_PORT with workspace `home`; resolves once it prints its URL and answers. */
export async function startReaderServer(home: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['bin/aegis.js', 'serve', '--port', String(READER_PORT), '--token', E2E_TOKEN, '--home', home], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AEGIS_HOME: home },
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('aegis serve did not print its URL within 60 s.')), 60_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`http://127.0.0.1:${READER_PORT}/`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aegis serve exited early (code ${code}); is port ${READER_PORT} taken?`));
    });
  });
  await waitForServer(READER_PORT, 10_000);
  return server;
}

/** Kills `server` with SIGKILL and resolves once it has exited. */
export async function killReaderServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGKILL');
  await exited;
}

/** An API client on the reader-study server. */
export function readerApi(): ApiClient {
  return createHttpTransport({ baseUrl: `http://127.0.0.1:${READER_PORT}`, token: E2E_TOKEN, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
}

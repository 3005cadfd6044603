/**
 * Before the end-to-end run: builds the renderer if it is missing, generates the fixture folders,
 * and starts `aegis serve` on 127.0.0.1 with the fixed port/token and a fresh workspace. Returns the
 * teardown that stops the server. With AEGIS_E2E_REUSE=1 it uses a server already listening there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeE2eFixtures } from './e2eFixtures';
import { E2E_PORT, E2E_ROOT, E2E_TOKEN } from './e2eEnv';
import { waitForServer } from './waitForServer';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('dist/renderer/index.html')) {
    const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('Building the renderer for the e2e run failed.');
  }
  rmSync(E2E_ROOT, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  mkdirSync(E2E_ROOT, { recursive: true });
  await makeE2eFixtures();

  // AEGIS_E2E_REUSE=1: use a server someone already started on the port (with the same token).
  if (process.env.AEGIS_E2E_REUSE === '1') {
    await waitForServer(E2E_PORT, 5_000);
    return async () => undefined;
  }
  const home = join(E2E_ROOT, 'home');
  const serve = [process.execPath, 'bin/aegis.js', 'serve', '--port', String(E2E_PORT), '--token', E2E_TOKEN, '--home', home];
  // AEGIS_E2E_STRACE=LOG (CI, issue #13): the server and its engine run under strace with a fresh
  // $HOME (LOG.home) and without ORT_DISABLE_TELEMETRY; scripts/offline-check.mjs log LOG then fails
  // on any outbound connection attempt or file under that $HOME.
  const trace = process.env.AEGIS_E2E_STRACE;
  const env: NodeJS.ProcessEnv = { ...process.env, AEGIS_HOME: home };
  if (trace) {
    rmSync(`${trace}.home`, { recursive: true, force: true });
    mkdirSync(`${trace}.home`, { recursive: true });
    env.HOME = `${trace}.home`;
    delete env.ORT_DISABLE_TELEMETRY;
  }
  const [command, ...args] = trace ? ['strace', '-f', '-qq', '-e', 'trace=connect,sendto,sendmsg', '-o', trace, '--', ...serve] : serve;
  const server = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  // Under strace, signals go to the traced server itself (strace would detach and leave it running).
  const serverPid = (): number | undefined =>
    trace ? Number(spawnSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).stdout.split('\n')[0]) || undefined : server.pid;
  // Ready when *this* server prints its URL: a server someone else left on the port must not count.
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('aegis serve did not print its URL within 60 s.')), 60_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
      if (out.includes(`http://127.0.0.1:${E2E_PORT}/`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aegis serve exited early (code ${code}); see its output above (is port ${E2E_PORT} taken? set AEGIS_E2E_PORT).`));
    });
  });
  try {
    await ready;
    await waitForServer(E2E_PORT, 10_000);
  } catch (err) {
    server.kill('SIGKILL');
    throw err;
  }

  return async () => {
    const pid = serverPid();
    if (pid) process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 50 && server.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    if (server.exitCode === null) server.kill('SIGKILL');
  };
}

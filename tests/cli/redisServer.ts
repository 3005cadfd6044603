/** A throw-away redis-server (Debian's package) on a free loopback port, for the QA queue test and bench. */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server did not listen on port ${port} within 30 s`);
}

/** Starts redis-server (no persistence, files in `dir`); resolves once it accepts connections. */
export async function startRedis(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await waitForPort(port);
  return { url: `redis://127.0.0.1:${port}`, child };
}

/** Stops `child` with SIGTERM (SIGKILL after 15 s) and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await new Promise((r) => child.once('exit', r));
  clearTimeout(killed);
}

/** Starts `aegis worker --queue url`; its stderr lines are appended to `log.text`. */
export function startWorker(url: string, home: string, log: { text: string } = { text: '' }): ChildProcess {
  const w = spawn('node', ['bin/aegis.js', 'worker', '--queue', url], { env: { ...process.env, AEGIS_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] });
  w.stderr!.on('data', (b: Buffer) => (log.text += b.toString()));
  return w;
}

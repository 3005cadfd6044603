/**
 * The engine side of the job protocol: receives 'run'/'cancel' from the host, runs one job at a time
 * from the registry, and reports progress and the outcome. Works under `child_process.fork`
 * (process.send) and under Electron's utilityProcess (process.parentPort).
 */
import { hostMessageSchema, type EngineMessage } from './protocol';
import type { JobRegistry } from './registry';

/** Progress messages closer together than this are coalesced (ms); 0 and 1 always go out. */
const PROGRESS_INTERVAL_MS = 50;

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function connect(): { send(m: EngineMessage): void; onMessage(l: (m: unknown) => void): void } {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return { send: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data)) };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('engineProcess must be started by the Aegis host (no IPC channel to the parent).');
  return { send: (m) => void send(m), onMessage: (l) => process.on('message', l) };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Starts serving jobs from `registry` to the parent process; runs until the parent goes away. */
export function serveJobs(registry: JobRegistry): void {
  const port = connect();
  const running = new Map<string, AbortController>();

  async function run(jobId: string, kindName: string, rawPayload: unknown): Promise<void> {
    const kind = registry.get(kindName);
    if (!kind) {
      port.send({ type: 'failed', jobId, error: `Unknown job kind "${kindName}". Known kinds: ${registry.names().join(', ') || 'none'}.` });
      return;
    }
    const parsed = kind.payload.safeParse(rawPayload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length ? issue.path.join('.') : 'payload';
      port.send({ type: 'failed', jobId, error: `Invalid ${kindName} request: ${where}: ${issue.message}` });
      return;
    }
    const controller = new AbortController();
    running.set(jobId, controller);
    let lastSent = 0;
    const progress = (fraction: number, message = ''): void => {
      const p = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      const now = Date.now();
      if (p > 0 && p < 1 && now - lastSent < PROGRESS_INTERVAL_MS) return;
      lastSent = now;
      port.send({ type: 'progress', jobId, progress: p, message });
    };
    try {
      const result = await kind.run(parsed.data, { signal: controller.signal, progress });
      port.send(controller.signal.aborted ? { type: 'cancelled', jobId } : { type: 'done', jobId, result });
    } catch (err) {
      port.send(controller.signal.aborted ? { type: 'cancelled', jobId } : { type: 'failed', jobId, error: describe(err) });
    } finally {
      running.delete(jobId);
    }
  }

  port.onMessage((raw) => {
    const msg = hostMessageSchema.safeParse(raw);
    if (!msg.success) return; // Not ours (or a newer host); the host times out the job.
    if (msg.data.type === 'run') void run(msg.data.jobId, msg.data.kind, msg.data.payload);
    else running.get(msg.data.jobId)?.abort(new Error('cancelled'));
  });
  // Exit with the parent instead of lingering as an orphan.
  process.on('disconnect', () => process.exit(0));
  port.send({ type: 'ready', kinds: registry.names(), pid: process.pid });
}

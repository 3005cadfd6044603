/**
 * The host side of the engine process: a FIFO job queue run one job at a time in one engine process.
 * Cancel is cooperative (the job's AbortSignal) with a kill after a grace period; each job has a time
 * limit; if the engine dies (a native crash included) the running job fails with a clear message and
 * the next job starts a fresh engine.
 */
import { engineMessageSchema, type EngineMessage } from '../engine/jobs/protocol';
import type { EngineChannel, EngineExit, EngineSpawner } from './backendTypes';
import type { JobStore } from './jobStore';

/** Options of the engine host. Times in milliseconds. */
export interface EngineHostOptions {
  spawn: EngineSpawner;
  jobs: JobStore;
  /** How long a cancelled job may take to stop before the engine is killed (default 3,000). */
  cancelGraceMs?: number;
  /** How long the engine may take to start (default 60,000). */
  startTimeoutMs?: number;
  /** Time limit of a job that sets none (default 30 minutes). */
  defaultTimeoutMs?: number;
}

interface Pending {
  jobId: string;
  kind: string;
  payload: unknown;
  timeoutMs: number;
}

interface Engine {
  channel: EngineChannel;
  /** True once it said 'ready'; an exit before that is a start failure, reported through `ready`. */
  started: boolean;
  ready: Promise<void>;
  exited: Promise<void>;
}

interface Current extends Pending {
  /** Why the host is stopping it, if it is: the user cancelled, or the time limit passed. */
  stopping: 'cancel' | 'timeout' | null;
  /** Whether 'run' has gone to the engine (false while the engine is still starting). */
  sent: boolean;
  timers: NodeJS.Timeout[];
}

/** How the engine ended, with the most telling line of its stderr (an `...Error: ...` line if any). */
function describeExit(exit: EngineExit): string {
  const how = exit.signal ? `was killed by signal ${exit.signal}` : `exited with code ${exit.code}`;
  const lines = exit.stderrTail.split('\n').map((l) => l.trim()).filter((l) => l && !/^Node\.js v/.test(l));
  const telling = lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.at(-1);
  return telling ? `${how} (${telling})` : how;
}

/** Runs engine jobs; see the file comment. */
export class EngineHost {
  private readonly queue: Pending[] = [];
  private engine: Engine | null = null;
  private current: Current | null = null;
  private closed = false;
  private readonly grace: number;
  private readonly startTimeout: number;
  private readonly defaultTimeout: number;

  constructor(private readonly opts: EngineHostOptions) {
    this.grace = opts.cancelGraceMs ?? 3000;
    this.startTimeout = opts.startTimeoutMs ?? 60_000;
    this.defaultTimeout = opts.defaultTimeoutMs ?? 30 * 60_000;
  }

  /** Queues a job of `kind` (a name in the engine's registry); returns its id. `timeoutMs` in ms. */
  submit(kind: string, payload: unknown, options: { timeoutMs?: number } = {}): string {
    if (this.closed) throw new Error('The engine host is closed.');
    const job = this.opts.jobs.create(kind);
    this.queue.push({ jobId: job.jobId, kind, payload, timeoutMs: options.timeoutMs ?? this.defaultTimeout });
    queueMicrotask(() => this.pump());
    return job.jobId;
  }

  /** Asks a queued or running job to stop. Returns false when it is not (or no longer) in this queue. */
  cancel(jobId: string): boolean {
    const i = this.queue.findIndex((p) => p.jobId === jobId);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.opts.jobs.finish(jobId, { state: 'cancelled' });
      return true;
    }
    if (this.current?.jobId !== jobId) return false;
    this.stop('cancel');
    return true;
  }

  /** Cancels everything and stops the engine process; resolves when it has exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) this.opts.jobs.finish(p.jobId, { state: 'cancelled', error: 'Aegis closed.' });
    if (this.current) this.end({ state: 'cancelled', error: 'Aegis closed.' });
    const engine = this.engine;
    if (engine) {
      engine.channel.kill();
      await engine.exited;
    }
  }

  private pump(): void {
    if (this.closed || this.current || this.queue.length === 0) return;
    const next = this.queue.shift() as Pending;
    const current: Current = { ...next, stopping: null, sent: false, timers: [] };
    this.current = current;
    this.opts.jobs.start(next.jobId);
    let engine: Engine;
    try {
      engine = this.ensureEngine();
    } catch (err) {
      this.end({ state: 'failed', error: `The engine process could not start: ${(err as Error).message}` });
      return;
    }
    engine.ready.then(
      () => {
        if (this.current !== current) return;
        current.timers.push(setTimeout(() => this.stop('timeout'), current.timeoutMs));
        current.sent = true;
        engine.channel.send({ type: 'run', jobId: current.jobId, kind: current.kind, payload: current.payload });
      },
      (err: Error) => {
        if (this.current === current) this.end({ state: 'failed', error: `The engine process could not start: ${err.message}` });
      },
    );
  }

  /** Cooperative stop, then a kill if the job has not stopped within the grace period. */
  private stop(reason: 'cancel' | 'timeout'): void {
    const current = this.current;
    if (!current || current.stopping) return;
    current.stopping = reason;
    if (!current.sent) {
      // Still waiting for the engine to start: nothing runs yet, so it simply ends.
      this.end(this.stoppedOutcome(current, false));
      return;
    }
    this.engine?.channel.send({ type: 'cancel', jobId: current.jobId });
    current.timers.push(setTimeout(() => this.engine?.channel.kill(), this.grace));
  }

  private stoppedOutcome(current: Current, forced: boolean): { state: 'failed' | 'cancelled'; error: string } {
    const after = forced ? ` It did not stop within ${this.grace / 1000} s, so the engine process was restarted.` : '';
    if (current.stopping === 'timeout') {
      return { state: 'failed', error: `The job took longer than its time limit of ${current.timeoutMs / 1000} s and was stopped.${after}` };
    }
    return { state: 'cancelled', error: `Cancelled.${after}` };
  }

  private end(outcome: Parameters<JobStore['finish']>[1]): void {
    const current = this.current;
    if (!current) return;
    current.timers.forEach(clearTimeout);
    this.current = null;
    this.opts.jobs.finish(current.jobId, outcome);
    queueMicrotask(() => this.pump());
  }

  private onMessage(raw: unknown): void {
    const parsed = engineMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const msg: EngineMessage = parsed.data;
    const current = this.current;
    if (msg.type === 'ready' || !current || msg.jobId !== current.jobId) return;
    if (msg.type === 'progress') this.opts.jobs.progress(msg.jobId, msg.progress, msg.message);
    else if (msg.type === 'done') this.end(current.stopping === 'timeout' ? this.stoppedOutcome(current, false) : { state: 'done', result: msg.result });
    else if (msg.type === 'failed') this.end({ state: 'failed', error: msg.error });
    else this.end(this.stoppedOutcome(current, false));
  }

  private onExit(engine: Engine, exit: EngineExit): void {
    if (this.engine === engine) this.engine = null;
    const current = this.current;
    if (!current || this.closed || !engine.started) return;
    if (current.stopping) {
      this.end(this.stoppedOutcome(current, true));
      return;
    }
    this.end({
      state: 'failed',
      error: `The engine process stopped unexpectedly while running this job: it ${describeExit(exit)}. ` +
        'Aegis restarts it for the next job; nothing else was affected.',
    });
  }

  private ensureEngine(): Engine {
    if (this.engine) return this.engine;
    const channel = this.opts.spawn();
    let markReady!: () => void;
    let markFailed!: (err: Error) => void;
    let markExited!: () => void;
    const ready = new Promise<void>((res, rej) => ((markReady = res), (markFailed = rej)));
    const exited = new Promise<void>((res) => (markExited = res));
    const engine: Engine = { channel, started: false, ready, exited };
    const startTimer = setTimeout(() => {
      markFailed(new Error(`it did not answer within ${this.startTimeout / 1000} s`));
      channel.kill();
    }, this.startTimeout);
    channel.onMessage((raw) => {
      const msg = engineMessageSchema.safeParse(raw);
      if (msg.success && msg.data.type === 'ready') {
        clearTimeout(startTimer);
        engine.started = true;
        markReady();
      }
      this.onMessage(raw);
    });
    channel.onExit((exit) => {
      clearTimeout(startTimer);
      markFailed(new Error(`it ${describeExit(exit)}`));
      markExited();
      this.onExit(engine, exit);
    });
    this.engine = engine;
    return engine;
  }
}

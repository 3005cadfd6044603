/**
 * The engine's job kinds, keyed by name. A kind declares the zod schema of its payload and an async
 * `run` that reports progress and honours cancellation through its AbortSignal. Product kinds are
 * registered in `productKinds.ts`; tests register their own before starting the job loop.
 */
import type { z } from 'zod';

/** What a running job may use: the cancel signal and a progress reporter (fraction in [0, 1]). */
export interface JobContext {
  /** Aborted when the user cancels or the job's time limit passes; stop soon after and throw. */
  signal: AbortSignal;
  /** Reports progress; `fraction` is clamped to [0, 1]. */
  progress(fraction: number, message?: string): void;
}

/** One job kind. The result must be structured-cloneable (plain data and typed arrays). */
export interface JobKind<P = unknown> {
  payload: z.ZodType<P>;
  run(payload: P, ctx: JobContext): Promise<unknown>;
}

/** A name → job kind table. */
export class JobRegistry {
  private readonly kinds = new Map<string, JobKind>();

  /** Adds a kind. @throws if the name is taken, so two helpers cannot silently shadow each other. */
  register<P>(name: string, kind: JobKind<P>): void {
    if (this.kinds.has(name)) throw new Error(`job kind "${name}" is registered twice`);
    this.kinds.set(name, kind as JobKind);
  }

  /** The kind called `name`, or undefined. */
  get(name: string): JobKind | undefined {
    return this.kinds.get(name);
  }

  /** Every registered name, sorted. */
  names(): string[] {
    return [...this.kinds.keys()].sort();
  }
}

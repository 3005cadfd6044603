/**
 * The shape of the back end both transports (Electron IPC, the loopback server) mount: one handler
 * per contract call, one event stream, one close. Built by `createBackend` in `backend.ts`.
 */
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../shared/contract';

/** One async handler per contract call. Each validates its input with the contract's schema first. */
export type Handlers = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

/** One event pushed to every connected renderer, e.g. `{ name: 'job.progress', payload: {...} }`. */
export type BackendEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName];

/** Called for every back-end event; must not throw. */
export type EventListener = (event: BackendEvent) => void;

/**
 * A running engine process as the host sees it, whatever started it: `child_process.fork` (the
 * default, for the server, CLI and tests) or Electron's `utilityProcess.fork` (the desktop app, whose
 * fuses forbid ELECTRON_RUN_AS_NODE). Messages are structured-clone objects of the engine protocol.
 */
export interface EngineChannel {
  /** Sends one host → engine message. */
  send(message: unknown): void;
  /** Registers the listener for engine → host messages. */
  onMessage(listener: (message: unknown) => void): void;
  /**
   * Registers the listener for the process ending, for any reason: `code` is null when a signal
   * ended it; `stderrTail` holds the last lines it wrote to stderr (may be empty).
   */
  onExit(listener: (exit: EngineExit) => void): void;
  /** Ends the process at once (SIGKILL where signals exist). */
  kill(): void;
}

/** How an engine process ended. */
export interface EngineExit {
  code: number | null;
  signal: string | null;
  stderrTail: string;
}

/** Starts a fresh engine process running `electron/engine/engineProcess` (source or built). */
export type EngineSpawner = () => EngineChannel;

/** Options of `createBackend`. */
export interface BackendOptions {
  /** The workspace folder (AEGIS_HOME; Electron passes `app.getPath('userData')`). Created if missing. */
  home: string;
  /** Reported by 'app.info'. Default 'http'. */
  transport?: 'ipc' | 'http';
  /** How to start the engine process; default: `child_process.fork` of the source (tsx) or dist build. */
  spawnEngine?: EngineSpawner;
  /** Size of the decoded-frame cache in MB (default 512). */
  frameCacheMb?: number;
}

/** The back end: handlers, events, and a close that stops the engine and closes the database. */
export interface Backend {
  handlers: Handlers;
  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Cancels running jobs, stops the engine process, closes the workspace database. Idempotent. */
  close(): Promise<void>;
}

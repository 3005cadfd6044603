/** One `aegis` sub-command; each lives in its own file under `commands/`. */
export interface Command {
  /** Full usage text for `aegis NAME --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/**
 * A command as `aegis --help` lists it: its word, one line, and how to load it. Loading is lazy, so
 * `aegis --help` and each command start without importing every other command's dependencies.
 */
export interface CommandEntry {
  /** The word typed after `aegis`. */
  name: string;
  /** One line for `aegis --help`. */
  summary: string;
  load(): Promise<Command>;
}

/** An error whose message is meant for the user as-is (no stack trace), with an exit code. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The shape of one `aegis` sub-command; each lives in its own file under `commands/`. */
export interface Command {
  /** The word typed after `aegis`. */
  name: string;
  /** One line for `aegis --help`. */
  summary: string;
  /** Full usage text for `aegis NAME --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
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

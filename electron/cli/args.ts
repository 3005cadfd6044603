/** Command-line parsing shared by the `aegis` sub-commands, so every one reports bad options alike. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` strictly (unknown options are refused); a parse error becomes a {@link UsageError}
 * that points to `aegis COMMAND --help`.
 */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}. See "aegis ${command} --help".`);
  }
}

/** A whole number ≥ `min` from an option's text, or undefined when the option is absent. */
export function intOption(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

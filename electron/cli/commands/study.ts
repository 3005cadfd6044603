/**
 * `aegis study …`: reader studies from the command line. Each sub-command lives in `study/`.
 */
import { UsageError, type Command } from '../command';
import { mrmcUsage, runMrmc } from './study/mrmc';

const subcommands: Record<string, { usage: string; run: (argv: string[]) => Promise<number> }> = {
  mrmc: { usage: mrmcUsage, run: runMrmc },
};

export const study: Command = {
  usage: ['Usage: aegis study <sub-command> [options]', ...Object.values(subcommands).map((s) => `\n${s.usage}`)].join('\n'),
  async run(argv) {
    const [name, ...rest] = argv;
    const sub = name ? subcommands[name] : undefined;
    if (!sub) throw new UsageError(`${name ? `unknown sub-command "${name}"` : 'a sub-command is needed'}; one of: ${Object.keys(subcommands).join(', ')}`);
    return sub.run(rest);
  },
};

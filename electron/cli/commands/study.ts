/**
 * `aegis study …`: reader studies from the command line (create, generate, export, results, merge,
 * stats, mrmc). Each sub-command lives in `study/`.
 */
import { UsageError, type Command } from '../command';
import { createUsage, runCreate } from './study/create';
import { exchangeUsage, runExport, runMerge, runResults } from './study/exchange';
import { generateUsage, runGenerate } from './study/generate';
import { mrmcUsage, runMrmc } from './study/mrmc';
import { runStats, statsUsage } from './study/stats';

const subcommands: Record<string, { usage: string; run: (argv: string[]) => Promise<number> }> = {
  create: { usage: createUsage, run: runCreate },
  generate: { usage: generateUsage, run: runGenerate },
  export: { usage: exchangeUsage.export, run: runExport },
  results: { usage: exchangeUsage.results, run: runResults },
  merge: { usage: exchangeUsage.merge, run: runMerge },
  stats: { usage: statsUsage, run: runStats },
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

/** Entry of the `aegis` command line: dispatches to one file per sub-command. */
import '../engine/onnx/telemetryOff';
import { commands } from './commands/index';
import { UsageError } from './command';

function help(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'aegis — review the safety of medical-imaging AI: DICOM, ONNX models, attacks, saliency, detectors.',
    '',
    'Usage: aegis <command> [options]     aegis <command> --help for details',
    '',
    'Commands:',
    ...lines,
    '',
    'Environment: AEGIS_HOME (workspace folder, default ~/.aegis)',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  if (name === '--version') {
    console.log('0.1.0');
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`aegis: unknown command "${name}". Run "aegis --help" for the list.`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`aegis ${name}: ${err.message}`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    console.error(`aegis ${name}: ${message}`);
    if (process.env.AEGIS_DEBUG) console.error(err);
    return 1;
  }
}

// `aegis … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));

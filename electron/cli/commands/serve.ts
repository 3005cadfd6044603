/**
 * `aegis serve`: the app in a browser. Starts the back end on AEGIS_HOME and the loopback server on
 * 127.0.0.1 with a fresh random token, prints the URL to open, and runs until Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer } from '../../server/loopbackServer';
import { createBackend } from '../../services/backend';
import { UsageError, type Command } from '../command';

/** The built renderer: dist/renderer at the repository (or app) root, three folders above this file. */
const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

interface ServeOptions {
  port: number;
  home: string;
  token?: string;
}

function parseArgs(argv: string[]): ServeOptions {
  const options: ServeOptions = {
    port: 0,
    home: resolve(process.env.AEGIS_HOME || join(homedir(), '.aegis')),
    token: process.env.AEGIS_TOKEN || undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--port' && flag !== '--home' && flag !== '--token') throw new UsageError(`unknown option "${flag}". See "aegis serve --help".`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    i++;
    if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${value}".`);
      options.port = port;
    } else if (flag === '--home') {
      options.home = resolve(value);
    } else {
      options.token = value;
    }
  }
  // The token travels in a URL, a header and a cookie: URL-safe characters only.
  if (options.token !== undefined && !/^[A-Za-z0-9._~-]{16,}$/.test(options.token)) {
    throw new UsageError('the token must be at least 16 characters long, using only letters, digits and . _ ~ - (or leave it out for a random one).');
  }
  return options;
}

export const serve: Command = {
  usage: [
    'Usage: aegis serve [--port N] [--home DIR] [--token TOKEN]',
    '',
    'Starts Aegis in browser mode, listening on 127.0.0.1 only, and prints the URL to open. Every request',
    'needs the per-launch token the URL carries. Runs until Ctrl+C.',
    '',
    'Options:',
    '  --port N       TCP port (default: a free one)',
    '  --home DIR     workspace folder (default: $AEGIS_HOME, else ~/.aegis)',
    '  --token TOKEN  fix the access token (tests; default: random). Also $AEGIS_TOKEN.',
    '',
    'The renderer must be built first: "npm run web" builds it and starts this command.',
  ].join('\n'),
  async run(argv) {
    const options = parseArgs(argv);
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      console.error(`aegis serve: the renderer is not built (${RENDERER_DIR}); run "npm run build" first, or use "npm run web".`);
    }
    const backend = createBackend({ home: options.home, transport: 'http' });
    let server;
    try {
      server = await startLoopbackServer({ backend, rendererDir: RENDERER_DIR, port: options.port, token: options.token });
    } catch (err) {
      await backend.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UsageError(`port ${options.port} is already in use: choose another with --port, or leave it out for a free one.`, 1);
      }
      throw err;
    }
    console.log(`Aegis is serving workspace ${options.home}`);
    console.log(`Open ${server.url}`);
    const running = server;
    return new Promise<number>((resolveExit) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running
          .close()
          .then(() => backend.close())
          .then(() => resolveExit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};

/**
 * Starts the engine process with `child_process.fork`: from the TypeScript source through tsx when
 * Aegis itself runs from source (server, CLI, tests), else the esbuild bundle
 * `dist/engine/engineProcess.cjs` built by scripts/build.mjs. The packaged desktop app passes its own
 * spawner (Electron's utilityProcess) instead.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineChannel, EngineSpawner } from './backendTypes';

/** Bytes of the engine's stderr kept for error messages. */
const STDERR_TAIL_BYTES = 4096;

/** This module's own file: the .ts source, or the CommonJS bundle (scripts/build.mjs defines import.meta.url). */
function thisFile(): string {
  return fileURLToPath(import.meta.url);
}

/** The app root: this file (electron/services) and the bundle (dist/main) both sit two folders below it. */
function appRoot(): string {
  return resolve(dirname(thisFile()), '..', '..');
}

/** Node options loading tsx by absolute URL, so the engine starts whatever the working directory. */
function tsxExecArgv(): string[] {
  const tsx = createRequire(join(appRoot(), 'package.json')).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}

/** Where the engine entry is and how to run it: the TS source when running from source, else the bundle. */
export function resolveEngineEntry(): { entry: string; execArgv: string[] } {
  if (thisFile().endsWith('.ts')) {
    return { entry: join(appRoot(), 'electron', 'engine', 'engineProcess.ts'), execArgv: tsxExecArgv() };
  }
  const entry = join(appRoot(), 'dist', 'engine', 'engineProcess.cjs');
  if (!existsSync(entry)) throw new Error(`The engine bundle ${entry} is missing; run "npm run build".`);
  return { entry, execArgv: [] };
}

/**
 * A spawner forking `entry` (default: `resolveEngineEntry()`). A `.ts` entry runs through tsx.
 * Structured-clone IPC ('advanced' serialisation) so typed arrays cross intact.
 */
export function forkEngine(entry?: string): EngineSpawner {
  return (): EngineChannel => {
    const target = entry ? { entry, execArgv: entry.endsWith('.ts') ? tsxExecArgv() : [] } : resolveEngineEntry();
    const child = fork(target.entry, [], {
      execArgv: target.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      process.stderr.write(chunk);
      tail = (tail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    return {
      send: (message) => {
        if (child.connected) child.send(message as object);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code, signal) => listener({ code, signal, stderrTail: tail })),
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  };
}

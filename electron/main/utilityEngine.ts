/**
 * Starts the engine process with Electron's utilityProcess: the packaged app's fuses forbid
 * ELECTRON_RUN_AS_NODE, so `child_process.fork` of the Electron binary is not an option. A native
 * crash in it (onnxruntime) ends only that process; the back end restarts it.
 */
import type { UtilityProcess } from 'electron';
import type { EngineChannel, EngineSpawner } from '../services/backendTypes';

/** Bytes of the engine's stderr kept for error messages. */
const STDERR_TAIL_BYTES = 4096;

/** The part of Electron's `utilityProcess` module used here. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'pipe' | ['ignore', 'inherit', 'pipe'] }): UtilityProcess;
}

/** A spawner running the engine bundle `entry` (dist/engine/engineProcess.cjs) in a utility process. */
export function utilityEngineSpawner(utilityProcess: UtilityProcessModule, entry: string): EngineSpawner {
  return (): EngineChannel => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Aegis engine', stdio: ['ignore', 'inherit', 'pipe'] });
    let alive = true;
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer | string) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
    });
    child.on('exit', () => {
      alive = false;
    });
    return {
      send: (message) => {
        if (alive) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      // utilityProcess reports only an exit code; a native crash shows as a non-zero code.
      onExit: (listener) => child.on('exit', (code) => listener({ code, signal: null, stderrTail: tail })),
      kill: () => {
        if (alive) child.kill();
      },
    };
  };
}

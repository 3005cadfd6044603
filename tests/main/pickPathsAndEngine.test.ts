/** The native open dialog call and the utilityProcess engine spawner, through Electron stand-ins. */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BaseWindow, Dialog, UtilityProcess } from 'electron';
import { createPickPathsHandler } from '../../electron/main/pickPaths';
import { utilityEngineSpawner } from '../../electron/main/utilityEngine';
import type { EngineExit } from '../../electron/services/backendTypes';

describe('app.pickPaths in the desktop app', () => {
  function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
    const seen: unknown[][] = [];
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        seen.push(args);
        return answer;
      },
    } as unknown as Pick<Dialog, 'showOpenDialog'>;
    return { dialog, seen };
  }

  it('opens one folder, attached to the window', async () => {
    const { dialog, seen } = fakeDialog({ canceled: false, filePaths: ['/data/ct'] });
    const win = {} as BaseWindow;
    await expect(createPickPathsHandler(dialog, () => win)({ kind: 'folder' })).resolves.toEqual({ paths: ['/data/ct'] });
    expect(seen[0][0]).toBe(win);
    expect(seen[0][1]).toMatchObject({ properties: ['openDirectory'] });
  });

  it('opens several files, and answers no paths when cancelled', async () => {
    const { dialog, seen } = fakeDialog({ canceled: true, filePaths: ['/ignored'] });
    await expect(createPickPathsHandler(dialog, () => null)({ kind: 'files' })).resolves.toEqual({ paths: [] });
    expect(seen[0][0]).toMatchObject({ properties: ['openFile', 'multiSelections'] });
  });
});

describe('utilityEngineSpawner', () => {
  function fakeUtility() {
    const forks: { path: string; child: EventEmitter & { posted: unknown[]; killed: number; stderr: PassThrough } }[] = [];
    const module = {
      fork(path: string) {
        const child = Object.assign(new EventEmitter(), { posted: [] as unknown[], killed: 0, stderr: new PassThrough() });
        Object.assign(child, {
          postMessage: (m: unknown) => child.posted.push(m),
          kill: () => {
            child.killed++;
            return true;
          },
        });
        forks.push({ path, child });
        return child as unknown as UtilityProcess;
      },
    };
    return { module, forks };
  }

  it('forks the engine bundle and carries messages both ways', () => {
    const { module, forks } = fakeUtility();
    const channel = utilityEngineSpawner(module, '/app/dist/engine/engineProcess.cjs')();
    expect(forks[0].path).toBe('/app/dist/engine/engineProcess.cjs');
    const received: unknown[] = [];
    channel.onMessage((m) => received.push(m));
    channel.send({ type: 'run', id: 1 });
    forks[0].child.emit('message', { type: 'done', id: 1 });
    expect(forks[0].child.posted).toEqual([{ type: 'run', id: 1 }]);
    expect(received).toEqual([{ type: 'done', id: 1 }]);
  });

  it('reports a crash with its exit code and stderr tail, then drops sends and kills', async () => {
    const { module, forks } = fakeUtility();
    const channel = utilityEngineSpawner(module, 'engine.cjs')();
    const exits: EngineExit[] = [];
    channel.onExit((e) => exits.push(e));
    forks[0].child.stderr.write('Segmentation fault in onnxruntime\n');
    await new Promise((r) => setImmediate(r));
    forks[0].child.emit('exit', 139);
    expect(exits).toEqual([{ code: 139, signal: null, stderrTail: 'Segmentation fault in onnxruntime\n' }]);
    channel.send({ type: 'run' });
    channel.kill();
    expect(forks[0].child.posted).toEqual([]);
    expect(forks[0].child.killed).toBe(0);
  });
});

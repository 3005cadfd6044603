/**
 * Issue #13: no empty attack folders are left behind. An attack that ends without a result
 * (failed, cancelled, engine lost) removes its output folder; folders a crash of the whole back end
 * left empty are swept when the attack runner starts; a folder holding a file is never touched.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AttackRunner } from '../../../electron/services/lab/attackRunner';
import { attacksDir, sweepEmptyAttackFolders } from '../../../electron/services/lab/attackFolders';
import type { AttackStore } from '../../../electron/services/lab/attackStore';
import type { ServiceContext } from '../../../electron/services/serviceContext';
import type { ModelEntry } from '../../../electron/shared/labTypes';

const root = mkdtempSync(join(tmpdir(), 'aegis-attack-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('attack output folders', () => {
  it('the start-up sweep removes empty folders and keeps any folder holding a file', () => {
    const derived = join(root, 'sweep');
    mkdirSync(join(attacksDir(derived), 'empty-1'), { recursive: true });
    mkdirSync(join(attacksDir(derived), 'empty-2'));
    mkdirSync(join(attacksDir(derived), 'kept'));
    writeFileSync(join(attacksDir(derived), 'kept', 'IMG.dcm'), 'x');
    expect(sweepEmptyAttackFolders(derived).sort()).toEqual(['empty-1', 'empty-2']);
    expect(existsSync(join(attacksDir(derived), 'kept', 'IMG.dcm'))).toBe(true);
    expect(sweepEmptyAttackFolders(join(root, 'no-such-workspace'))).toEqual([]);
  });

  it('an attack whose job fails leaves no folder, and the runner sweeps at start', async () => {
    const derived = join(root, 'runner');
    mkdirSync(join(attacksDir(derived), 'left-by-a-crash'), { recursive: true });
    let outDir = '';
    // A stand-in engine: the job starts writing into its folder, then fails (as when the engine dies).
    const ctx = {
      workspace: { derivedDir: derived },
      engine: {
        submit: (_kind: string, payload: { outDir: string }) => {
          outDir = payload.outDir;
          mkdirSync(outDir, { recursive: true });
          writeFileSync(join(outDir, 'partial.tmp'), 'half a file');
          return 'job-1';
        },
      },
      jobs: { wait: async () => ({ state: 'failed', error: 'the engine process exited' }) },
    } as unknown as ServiceContext;
    const runner = new AttackRunner(ctx, {} as AttackStore);
    expect(existsSync(join(attacksDir(derived), 'left-by-a-crash'))).toBe(false);
    const model = { differentiable: true, unsupportedOps: [], name: 'm', path: '/m.onnx', id: 'm', hash: 'h' } as unknown as ModelEntry;
    const { attackId } = runner.start(model, { path: '/i.dcm', imageId: 'aegis:x:0', studyInstanceUid: '1.2' } as never, { method: 'fgsm' } as never);
    await runner.settled(attackId);
    expect(outDir).toBe(join(attacksDir(derived), attackId));
    expect(existsSync(outDir)).toBe(false);
  });
});

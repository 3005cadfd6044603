import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrame, loadInstance } from '../../electron/dicom';
import { fakeJob } from '../../electron/engine/jobs/fakeJob';
import { generateDemoStudy } from '../../electron/engine/phantoms/generateDemoStudy';
import { JOB_KINDS } from '../../electron/shared/jobKinds';
import { evaluateGenerators } from '../../native-models/generator/evaluateGenerators';
import { BENCH_FIRST_SEED } from '../../native-models/generator/ganRecipes';
import { dciodvfyErrors } from '../dicom/dciodvfy';

const root = join(import.meta.dirname, '..', '..', 'native-models');
const model = (id: string) => join(root, id, 'model.onnx');
const paths = { insert: model('demo-lesion-insert'), remove: model('demo-lesion-remove'), classifier: model('demo-nodule-classifier') };

describe('committed lesion generators', () => {
  it('on fresh phantoms: insert makes the classifier call "present" on ≥ 60 % of the healthy images it called absent, remove makes it call "absent" on ≥ 60 % of the sick ones it called present; no pixel changes four nodule radii from the click', async () => {
    // Seeds past the bench's and the card's: never trained, carded or benched on.
    const e = await evaluateGenerators(paths, BENCH_FIRST_SEED + 10_000, 32);
    expect(e.insert.foolRate.n).toBeGreaterThanOrEqual(28);
    expect(e.remove.foolRate.n).toBeGreaterThanOrEqual(28);
    expect(e.insert.foolRate.estimate).toBeGreaterThanOrEqual(0.6);
    expect(e.remove.foolRate.estimate).toBeGreaterThanOrEqual(0.6);
    expect(e.insert.farthestInRadii).toBeLessThan(4);
    expect(e.remove.farthestInRadii).toBeLessThan(4);
    // The edit is local and mild outside the nodule: high SSIM over the ±30 px square.
    expect(e.insert.ssim.mean).toBeGreaterThan(0.5);
  }, 600_000);

  it('the fake job plants a nodule in the demo study: the call flips, the derived DICOM passes dciodvfy, pixels four radii from the click are bit-identical, and a cancelled job stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-fake-'));
    const study = generateDemoStudy(join(dir, 'study'));
    const healthy = study.find((i) => !i.nodulePresent)!;
    // Where a sick image of the study has its nodule: a lung location of this anatomy's template.
    const at = study.find((i) => i.nodulePresent)!.nodules[0]!;
    const image = join(dir, 'study', healthy.file);
    const payload = JOB_KINDS.fake.payload.parse({ generator: paths.insert, image, col: Math.round(at.x), row: Math.round(at.y), model: paths.classifier, outDir: join(dir, 'out') });
    const steps: number[] = [];
    const r = (await fakeJob.run(payload, { signal: new AbortController().signal, progress: (f) => steps.push(f) })) as Awaited<ReturnType<typeof fakeJob.run>> & { decisionBefore: number; decisionAfter: number; derived: { path: string }; region: { outer: number } };
    expect(steps.length).toBeGreaterThan(2);
    expect(r.decisionBefore).toBe(0);
    expect(r.decisionAfter).toBe(1);
    expect(dciodvfyErrors(r.derived.path)).toEqual([]);
    const before = (await decodeFrame(await loadInstance(image), 0)).stored;
    const after = (await decodeFrame(await loadInstance(r.derived.path), 0)).stored;
    let changed = 0;
    for (let i = 0; i < before.length; i++) {
      const d = Math.hypot((i % 512) - payload.col, Math.floor(i / 512) - payload.row);
      if (d >= r.region.outer) expect(after[i]).toBe(before[i]);
      else if (after[i] !== before[i]) changed += 1;
    }
    expect(changed).toBeGreaterThan(500);
    expect(readFileSync(image).length).toBeGreaterThan(0);
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(fakeJob.run(payload, { signal: cancelled.signal, progress: () => {} })).rejects.toThrow(/abort/i);
  }, 600_000);
});

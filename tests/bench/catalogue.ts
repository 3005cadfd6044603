/**
 * Attack-catalogue benchmark (printed, never asserted), on the demo nodule classifier and fresh
 * synthetic phantoms: Square queries per second against plain forwards per second of the same
 * image through the same pixel pipeline, and images per second when applying a universal
 * perturbation (add, quantise to stored values, re-score, measure) against one prediction per image.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide } from '../../electron/engine/attacks/goal';
import { openModel, storedImageTask } from '../../electron/engine/attacks/imageTask';
import { runAttack } from '../../electron/engine/attacks/runAttack';
import { loadImage } from '../../electron/engine/io/loadImage';
import { generateChestPhantom } from '../../electron/engine/phantoms/chestPhantom';
import { phantomToDicom } from '../../electron/engine/phantoms/phantomDicom';

const MODEL = 'native-models/demo-nodule-classifier/model.onnx';
/** Phantom seeds for the benchmark (never used in training: the card trains on 1–800). */
const FIRST_SEED = 4_000_000;

/** Prints Square queries/s, UAP images/s and their baselines. */
export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-bench-catalogue-'));
  const model = await openModel(MODEL);
  try {
    const images = [];
    for (let i = 0; i < 8; i++) {
      const seed = FIRST_SEED + 2 * i; // even seeds: no nodule
      const file = join(dir, `p${seed}.dcm`);
      const p = generateChestPhantom(seed, { nodules: 0 });
      writeFileSync(file, phantomToDicom(p, { patientName: `PHANTOM^${seed}`, patientId: `P${seed}`, studyKey: `bench/${seed}`, studyDescription: 'bench', seriesKey: `bench/${seed}/1`, seriesNumber: 1, seriesDescription: 'bench', instanceNumber: 1 }));
      images.push(storedImageTask(model, await loadImage(file)));
    }
    const { space } = images[0];
    const forwards = 50;
    let t = performance.now();
    for (let i = 0; i < forwards; i++) await model.objective.predict(space.toModelInput(space.x0));
    const forwardPerSecond = forwards / ((performance.now() - t) / 1000);
    // A tiny budget, so Square spends its whole query budget instead of stopping at a flip.
    const queries = 300;
    t = performance.now();
    const square = await runAttack(model.objective, space, { method: 'square', eps: 1 / 4096, norm: 'linf', steps: 1, seed: 0, queries });
    const squarePerSecond = (square.queries ?? queries) / ((performance.now() - t) / 1000);
    const delta = Float32Array.from({ length: space.x0.length }, (_, i) => (i % 7 < 3 ? 0.03 : -0.03));
    const geometry = { channels: space.channels, height: space.height, width: space.width };
    t = performance.now();
    for (const im of images) await runAttack(model.objective, im.space, { method: 'uap', eps: 0.03, norm: 'linf', steps: 1, seed: 0, universal: { delta, geometry } });
    const uapPerSecond = images.length / ((performance.now() - t) / 1000);
    t = performance.now();
    for (const im of images) decide(await model.objective.predict(im.modelInput), model.objective.outputShape);
    const predictPerSecond = images.length / ((performance.now() - t) / 1000);
    console.log(`model: ${MODEL}; phantoms 512×512 (12-bit), model input 224×224; provider ${model.objective.provider}`);
    console.log(`forward through the pixel pipeline   ${forwardPerSecond.toFixed(1)} /s`);
    console.log(`Square queries (${square.queries} queries)     ${squarePerSecond.toFixed(1)} /s  (${(squarePerSecond / forwardPerSecond).toFixed(2)}× forward: candidate building, clipping and the pixel pipeline per query)`);
    console.log(`UAP application (${images.length} images)       ${uapPerSecond.toFixed(2)} images/s  (${(uapPerSecond / predictPerSecond).toFixed(3)}× a prediction: add, quantise, re-score, SSIM/PSNR)`);
  } finally {
    await model.objective.release();
    rmSync(dir, { recursive: true, force: true });
  }
}

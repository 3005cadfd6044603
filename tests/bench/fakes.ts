/**
 * GAN fakes bench (issue 14): the bundled lesion generators on fresh phantoms (seeds never trained or
 * carded on) against the demo classifier. Printed: insert and remove fool rates with Wilson 95 % CIs
 * and n (target ≥ 60 % each; Zhou et al. 2021 report 69.1 % for their mammography GANs), SSIM/PSNR of
 * the edits, and the time of one fake relative to one classifier forward pass measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { ProportionInterval } from '../../electron/engine/stats/wilsonInterval';
import { evaluateGenerators } from '../../native-models/generator/evaluateGenerators';
import { BENCH_FIRST_SEED } from '../../native-models/generator/ganRecipes';

const ROOT = join(import.meta.dirname, '..', '..', 'native-models');
/** Fresh phantom pairs measured (each gives one healthy and one sick image). */
const PAIRS = 100;
const TARGET = 0.6;

const pct = (p: ProportionInterval) => `${(100 * p.estimate).toFixed(1)} % (${p.k}/${p.n}, 95 % CI ${(100 * p.low).toFixed(1)}–${(100 * p.high).toFixed(1)} %)`;

export async function bench(): Promise<void> {
  const classifier = join(ROOT, 'demo-nodule-classifier', 'model.onnx');
  const t0 = performance.now();
  const e = await evaluateGenerators({ insert: join(ROOT, 'demo-lesion-insert', 'model.onnx'), remove: join(ROOT, 'demo-lesion-remove', 'model.onnx'), classifier }, BENCH_FIRST_SEED, PAIRS);
  const seconds = (performance.now() - t0) / 1000;
  for (const o of [e.insert, e.remove]) {
    const verdict = o.foolRate.estimate >= TARGET ? 'meets' : 'BELOW';
    console.log(`${o.operation.padEnd(6)} fool rate ${pct(o.foolRate)} — ${verdict} the ≥ ${100 * TARGET} % target`);
    console.log(`       SSIM ${o.ssim.mean.toFixed(3)} ± ${o.ssim.sd.toFixed(3)}, PSNR ${o.psnr.mean.toFixed(1)} ± ${o.psnr.sd.toFixed(1)} dB (±30 px square, n = ${o.ssim.n}); farthest changed pixel ${o.farthestChange.toFixed(1)} px from the click`);
  }
  // One classifier forward pass at batch 1, as the ratio's baseline.
  const session = await InferenceSession.create(readFileSync(classifier), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const x = new Tensor('float32', new Float32Array(224 * 224).fill(0.3), [1, 1, 224, 224]);
  const runs = 20;
  const t1 = performance.now();
  for (let i = 0; i < runs; i++) await session.run({ [session.inputNames[0]!]: x });
  const forward = (performance.now() - t1) / 1000 / runs;
  await session.release();
  // Per pair: two phantoms rendered, two fakes, four classifier inputs prepared (scored in batches).
  console.log(`phantom pairs seeds ${BENCH_FIRST_SEED}–${BENCH_FIRST_SEED + PAIRS - 1}: ${(seconds / PAIRS).toFixed(2)} s per pair (two fakes and their scoring) = ${(seconds / PAIRS / forward).toFixed(0)} × one classifier forward (${(1000 * forward).toFixed(1)} ms)`);
}

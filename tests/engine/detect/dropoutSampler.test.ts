import { describe, expect, it } from 'vitest';
import { DropoutSampler } from '../../../electron/engine/detect/dropoutSampler';
import { mcDropoutUncertainty } from '../../../electron/engine/detect/mcDropout';
import { softmax } from '../../../electron/engine/detect/imageFeatures';
import { GraphBuilder } from '../../../electron/engine/onnx';
import { tinyCnn } from './tinyCnn';

/** x [N, 8] → Dropout(0.5) → Gemm → logits [N, 2]. */
function withDropout() {
  const b = new GraphBuilder('d');
  const x = b.input('x', ['N', 8]);
  const d = b.op('Dropout', [x]);
  const w = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i + 1));
  b.op('Gemm', [d, b.init('w', w, [2, 8]), b.init('b', new Float32Array(2), [2])], { transB: 1 }, 'logits');
  b.output('logits', ['N', 2]);
  return b.build();
}

describe('DropoutSampler (MC dropout through onnxruntime training_mode)', () => {
  it('samples different dropout masks, each scaling kept units by 1/(1 − 0.5), and gives positive uncertainty', async () => {
    const sampler = (await DropoutSampler.create(withDropout(), [8]))!;
    const x = new Float32Array(8).fill(1);
    const w = Array.from({ length: 16 }, (_, i) => Math.sin(i + 1));
    const seen = new Set<string>();
    for (let t = 0; t < 20; t++) {
      const z = await sampler.sample(x);
      seen.add(Array.from(z, (v) => v.toFixed(5)).join(','));
      // every logit is 2 × a sum over a subset of the weights (kept units ×1/(1−p) = ×2)
      for (let c = 0; c < 2; c++) {
        const row = w.slice(c * 8, c * 8 + 8);
        let ok = false;
        for (let mask = 0; mask < 256 && !ok; mask++) {
          const s = row.reduce((acc, v, k) => acc + ((mask >> k) & 1 ? 2 * v : 0), 0);
          ok = Math.abs(s - z[c]) < 1e-4;
        }
        expect(ok).toBe(true);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
    const u = await mcDropoutUncertainty(async () => softmax(await sampler.sample(x)), 30);
    expect(u).toBeGreaterThan(0);
    await sampler.release();
  });

  it('does not apply to a model without Dropout', async () => {
    expect(DropoutSampler.count(tinyCnn())).toBe(0);
    expect(await DropoutSampler.create(tinyCnn(), [1, 16, 16])).toBeNull();
  });
});

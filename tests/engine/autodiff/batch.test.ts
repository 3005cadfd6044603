import { describe, expect, it } from 'vitest';
import { GradientRunner } from '../../../electron/engine/autodiff';
import { GraphBuilder } from '../../../electron/engine/onnx/builder';
import { rng } from './gradcheck';

/** x [1, 1, 4, 4] (static batch) → Conv → (Flatten | Reshape to [1, −1]) → Gemm. */
function staticBatch(hardCodedReshape: boolean) {
  const b = new GraphBuilder();
  const r = rng(5);
  const w = (n: number, dims: number[]) => b.init(b.fresh('w'), Float32Array.from({ length: n }, () => r() - 0.5), dims);
  b.input('x', [1, 1, 4, 4]);
  const h = b.op('Relu', [b.op('Conv', ['x', w(18, [2, 1, 3, 3])], { pads: [1, 1, 1, 1] })]);
  const flat = hardCodedReshape ? b.op('Reshape', [h, b.init('shape', BigInt64Array.from([1n, -1n]), [2])]) : b.op('Flatten', [h]);
  b.op('Gemm', [flat, w(96, [3, 32])], { transB: 1 }, 'logits');
  b.output('logits', [1, 3]);
  return b.build();
}

describe('batch dimension', () => {
  it('makes a static batch-1 model batchable when it allows, with per-sample gradients unchanged', async () => {
    const runner = await GradientRunner.create({ model: staticBatch(false) }, { loss: 'ce' }, { cacheDir: null });
    expect(runner.info.dynamicBatch).toBe(true);
    const r = rng(6);
    const x = Float32Array.from({ length: 48 }, () => r());
    const batch = await runner.run(x, [3, 1, 4, 4], { labels: [0, 1, 2] });
    for (let n = 0; n < 3; n += 1) {
      const single = await runner.run(x.slice(n * 16, n * 16 + 16), [1, 1, 4, 4], { labels: [n] });
      single.grad.forEach((v, i) => expect(batch.grad[n * 16 + i]).toBeCloseTo(v, 6));
      expect(batch.loss[n]).toBeCloseTo(single.loss[0], 6);
    }
    await runner.release();
  });

  it('keeps batch 1 when the graph hard-codes it, and says so on a larger batch', async () => {
    const runner = await GradientRunner.create({ model: staticBatch(true) }, { loss: 'ce' }, { cacheDir: null });
    expect(runner.info.dynamicBatch).toBe(false);
    await expect(runner.run(new Float32Array(32), [2, 1, 4, 4], { labels: [0, 0] })).rejects.toThrow(/does not match the model's \[1, 1, 4, 4\]/);
    const ok = await runner.run(new Float32Array(16).fill(0.5), [1, 1, 4, 4], { labels: [2] });
    expect(ok.grad.length).toBe(16);
    await runner.release();
  });
});

import { describe, expect, it } from 'vitest';
import { FeatureExtractor } from '../../../electron/engine/detect/featureExtractor';
import { GraphBuilder } from '../../../electron/engine/onnx';

/** A tiny CNN: conv(4, 3×3) → ReLU → conv(6, 3×3, stride 2) → ReLU → GAP → Flatten → Gemm(2). */
function tinyCnn() {
  const b = new GraphBuilder('t');
  const x = b.input('image', ['N', 1, 16, 16]);
  const w = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed) * 0.5);
  const c1 = b.op('Conv', [x, b.init('w1', w(4 * 9, 1), [4, 1, 3, 3]), b.init('b1', w(4, 2), [4])], { pads: [1, 1, 1, 1] });
  const r1 = b.op('Relu', [c1], {}, 'stage1');
  const c2 = b.op('Conv', [r1, b.init('w2', w(6 * 4 * 9, 3), [6, 4, 3, 3]), b.init('b2', w(6, 4), [6])], { pads: [1, 1, 1, 1], strides: [2, 2] });
  const r2 = b.op('Relu', [c2], {}, 'stage2');
  const flat = b.op('Flatten', [b.op('GlobalAveragePool', [r2])], { axis: 1 }, 'embedding');
  b.op('Gemm', [flat, b.init('fw', w(12, 5), [2, 6]), b.init('fb', w(2, 6), [2])], { transB: 1 }, 'logits');
  b.output('logits', ['N', 2]);
  return b.build();
}

describe('FeatureExtractor', () => {
  it('adds pooled activations as outputs; the pooled vector is the mean of the kept spatial map', async () => {
    const fx = await FeatureExtractor.create(tinyCnn());
    expect(fx.layers).toEqual(['stage1', 'stage2', 'embedding']);
    expect(fx.penultimate).toBe('embedding');
    expect(fx.spatialLayer).toBe('stage1'); // 16×16 = 256 positions, the largest ≤ 32×32
    const inputs = [0, 1, 2].map((s) => Float32Array.from({ length: 256 }, (_, i) => Math.abs(Math.sin(i * 0.7 + s))));
    const batch = await fx.run(inputs);
    expect(batch.outputs).toHaveLength(3);
    expect(batch.outputs[0]).toHaveLength(2);
    expect(batch.pooled.stage1[2]).toHaveLength(4);
    expect(batch.pooled.stage2[0]).toHaveLength(6);
    const map = batch.spatial![1];
    expect([map.channels, map.height, map.width]).toEqual([4, 16, 16]);
    for (let c = 0; c < 4; c++) {
      const mean = map.data.subarray(c * 256, (c + 1) * 256).reduce((s, v) => s + v, 0) / 256;
      expect(batch.pooled.stage1[1][c]).toBeCloseTo(mean, 5);
    }
    // the last layer's pooled features are exactly the model's embedding, and they drive the logits
    const alone = await fx.run([inputs[1]]);
    expect(Array.from(alone.pooled.embedding[0])).toEqual(Array.from(batch.pooled.embedding[1]).map((v) => expect.closeTo(v, 5)));
    await fx.release();
  });

  it('asks for the input size when the model input is not static', async () => {
    const m = tinyCnn();
    const dim = m.graph!.input[0].type!.value.value as { shape: { dim: { value: { case: string; value: unknown } }[] } };
    dim.shape.dim[2].value = { case: 'dimParam', value: 'H' };
    await expect(FeatureExtractor.create(m)).rejects.toThrow(/no static shape; give the input size/);
  });
});

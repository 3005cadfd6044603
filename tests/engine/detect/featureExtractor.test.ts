import { describe, expect, it } from 'vitest';
import { FeatureExtractor } from '../../../electron/engine/detect/featureExtractor';
import { tinyCnn } from './tinyCnn';

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

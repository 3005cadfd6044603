/** Saliency on real ONNX models built in the test, run through the gradient compiler and onnxruntime. */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../electron/engine/onnx/builder';
import { encodeModel, hashBytes, type LoadedModel } from '../../../electron/engine/onnx/model';
import { computeSaliency } from '../../../electron/engine/saliency/computeSaliency';
import { chooseCamLayer } from '../../../electron/engine/saliency/camLayer';
import { randomVector } from './analyticModels';

const C = 1;
const H = 12;
const W = 12;
const K = 3;
const CLASSES = 2;

/** Conv(3×3, pad 1) → Relu → GlobalAveragePool → Flatten → Gemm: a GAP→FC head. */
function gapNet(extraOp?: string, globalMaxPool = false): { loaded: LoadedModel; fc: Float32Array } {
  const b = new GraphBuilder();
  const x = b.input('x', [1, C, H, W]);
  const w = b.init('conv_w', randomVector(K * C * 9, 31), [K, C, 3, 3]);
  const bias = b.init('conv_b', new Float32Array(K).fill(0.05), [K]);
  const conv = b.op('Conv', [x, w, bias], { pads: [1, 1, 1, 1] });
  let act = b.op('Relu', [conv], {}, 'features');
  if (extraOp) act = b.op(extraOp, [act]);
  // A global max pool written as MaxPool over the whole map, as the demo classifier does.
  const gap = globalMaxPool ? b.op('MaxPool', [act], { kernel_shape: [H, W] }) : b.op('GlobalAveragePool', [act]);
  const flat = b.op('Flatten', [gap]);
  const fc = randomVector(CLASSES * K, 32);
  const fw = b.init('fc_w', fc, [CLASSES, K]);
  const fb = b.init('fc_b', new Float32Array(CLASSES), [CLASSES]);
  b.op('Gemm', [flat, fw, fb], { transB: 1 }, 'logits');
  b.output('logits', [1, CLASSES]);
  const model = b.build();
  return { loaded: { model, path: 'test.onnx', hash: hashBytes(encodeModel(model)) }, fc };
}

const x = randomVector(C * H * W, 33).map((v) => (v + 1) / 2);
const options = { cacheDir: null };

describe('saliency on an ONNX model', () => {
  it('chooses the input of the last GlobalAveragePool as the Grad-CAM layer', () => {
    expect(chooseCamLayer(gapNet().loaded.model)?.tensor).toBe('features');
  });

  it('steps back over a 1×1 global max pool to the spatial map before it', async () => {
    const { loaded } = gapNet(undefined, true);
    const r = await computeSaliency(loaded, x, [C, H, W], { method: 'gradcam', classIndex: 0, inputRange: [0, 1] }, options);
    expect(r.map.params.layer).toBe('features');
    expect(r.map.params.layerChoice).toMatch(/stepped back over 1×1/);
    expect(Math.max(...r.map.data)).toBeGreaterThan(0.5);
  });

  it('vanilla gradient matches central finite differences of the logit', async () => {
    const { loaded } = gapNet();
    const r = await computeSaliency(loaded, x, [C, H, W], { method: 'vanilla', classIndex: 1, inputRange: [0, 1] }, options);
    const ig = await computeSaliency(loaded, x, [C, H, W], { method: 'occlusion', classIndex: 1, inputRange: [0, 1] }, options);
    expect(ig.map.method).toBe('Occlusion');
    // Finite differences through the forward pass (scores from the same compiled model).
    const { sessionScoresModel } = await import('../../../electron/engine/saliency/sessionScoresModel');
    const { createSession } = await import('../../../electron/engine/onnx/session');
    const { session } = await createSession(encodeModel(loaded.model));
    const fwd = sessionScoresModel(session, [C, H, W], { input: 'x', output: 'logits', dynamicBatch: false, reason: '' });
    const h = 1e-2;
    for (const i of [0, 17, 65, 143]) {
      const plus = x.slice();
      const minus = x.slice();
      plus[i] += h;
      minus[i] -= h;
      const fd = ((await fwd.scores(plus, 1))[1] - (await fwd.scores(minus, 1))[1]) / (2 * h);
      expect(r.map.data[i]).toBeCloseTo(Math.abs(fd), 3);
    }
  });

  it('Grad-CAM equals CAM/(h·w) for the GAP→FC head, after ReLU and min–max', async () => {
    const { loaded, fc } = gapNet();
    const r = await computeSaliency(loaded, x, [C, H, W], { method: 'gradcam', classIndex: 0, inputRange: [0, 1] }, options);
    expect(r.map.params.layer).toBe('features');
    // Recompute the features in JS: Conv 3×3 pad 1 + bias, ReLU.
    const wts = randomVector(K * 9, 31);
    const cam = new Float64Array(H * W);
    for (let k = 0; k < K; k++) {
      for (let y = 0; y < H; y++) {
        for (let xx = 0; xx < W; xx++) {
          let acc = 0.05;
          for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xs = xx + dx;
            if (yy >= 0 && yy < H && xs >= 0 && xs < W) acc += wts[k * 9 + (dy + 1) * 3 + dx + 1] * x[yy * W + xs];
          }
          cam[y * W + xx] += (fc[0 * K + k] * Math.max(acc, 0)) / (H * W);
        }
      }
    }
    const relu = cam.map((v) => Math.max(v, 0));
    const lo = Math.min(...relu);
    const hi = Math.max(...relu);
    for (const i of [0, 30, 77, 143]) expect(r.map.data[i]).toBeCloseTo((relu[i] - lo) / (hi - lo + 1e-7), 4);
  });

  it('Integrated Gradients is complete within 1 % at 50 steps', async () => {
    const { loaded } = gapNet();
    const r = await computeSaliency(loaded, x, [C, H, W], { method: 'ig', classIndex: 1, inputRange: [0, 1] }, options);
    expect(r.completeness?.relativeGap).toBeLessThan(0.01);
  });

  it('the sanity check sees the map change when the weights are randomised', async () => {
    const { loaded } = gapNet();
    const r = await computeSaliency(loaded, x, [C, H, W], { method: 'vanilla', classIndex: 0, inputRange: [0, 1], sanity: true, seed: 4 }, options);
    expect(r.sanity).toBeDefined();
    expect(r.sanity!.spearmanAbs).toBeLessThan(0.9);
  });

  it('falls back to occlusion, and says so, when the model cannot be differentiated', async () => {
    const { loaded } = gapNet('Cos');
    const r = await computeSaliency(loaded, x, [C, H, W], { method: 'smoothgrad', inputRange: [0, 1] }, options);
    expect(r.map.method).toBe('Occlusion');
    expect(r.note).toMatch(/smoothgrad needs gradients .*occlusion shown instead/);
  });
});

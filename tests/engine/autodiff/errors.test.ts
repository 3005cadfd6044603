import { describe, expect, it } from 'vitest';
import { compileGradientModel, describeModel, GradientRunner } from '../../../electron/engine/autodiff';
import { DataType, GraphBuilder } from '../../../electron/engine/onnx/builder';
import { resnetLike } from './networks';

/** x → Gemm logits → Sigmoid → TorchXRayVision-like op_norm tail through NonZero/GatherND/ScatterND. */
function xrvLike() {
  const b = new GraphBuilder();
  const x = b.input('x', ['N', 4]);
  const logits = b.op('Gemm', [x, b.init('w', Float32Array.from({ length: 12 }, (_, i) => (i % 5) / 5 - 0.4), [3, 4])], { transB: 1 }, 'logits');
  const p = b.op('Sigmoid', [logits]);
  const idx = b.op('Transpose', [b.op('NonZero', [b.op('Greater', [p, b.init('t', Float32Array.from([0.5]), [])])])]);
  const upd = b.op('Mul', [b.op('GatherND', [p, idx]), b.init('two', Float32Array.from([2]), [])]);
  b.op('ScatterND', [p, idx, upd], {}, 'probs');
  b.output('probs', ['N', 3]);
  return b.build();
}

describe('bad input gives clear errors before anything runs', () => {
  it('names an unsupported op and its node', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', ['N', 3]);
    const c = b.op('Cos', [x]);
    b.op('Relu', [c], {}, 'y');
    b.output('y');
    const model = b.build();
    model.graph!.node[0].name = 'my_cos';
    await expect(compileGradientModel(model, { loss: 'cotangent', output: 'y' })).rejects.toThrow(/Unsupported op\(s\) for gradients: Cos \(node "my_cos"\)/);
    const info = describeModel(model);
    expect(info.unsupportedOps).toEqual(['Cos']);
    expect(info.differentiable).toBe(false);
  });

  it('chooses the logits when the outputs end in NonZero/GatherND/ScatterND post-processing, and says so', async () => {
    const info = describeModel(xrvLike());
    expect(info.unsupportedOps).toEqual(['ScatterND']);
    expect(info.differentiable).toBe(true);
    expect(info.gradientOutput).toBe('logits');
    const runner = await GradientRunner.create({ model: xrvLike() }, { loss: 'ce' }, { cacheDir: null });
    expect(runner.info.output).toBe('logits');
    expect(runner.info.outputChoice).toBe('auto');
    expect(runner.info.outputReason).toMatch(/ScatterND.*"logits"/);
    const r = await runner.run(Float32Array.from([1, 2, 3, 4]), [1, 4], { labels: [1] });
    expect(r.grad.length).toBe(4);
    expect(r.outputs.logits.dims).toEqual([1, 3]);
    expect(r.outputs.probs).toBeUndefined();
    await runner.release();
  });

  it('asks for inputShape when spatial dimensions are dynamic, and compiles with it', async () => {
    const b = new GraphBuilder();
    b.input('img', ['N', 1, 'H', 'W']);
    const w = b.init('w', Float32Array.from({ length: 18 }, (_, i) => (i % 7) / 7 - 0.4), [2, 1, 3, 3]);
    b.op('Flatten', [b.op('GlobalAveragePool', [b.op('Conv', ['img', w], { pads: [1, 1, 1, 1] })])], {}, 'logits');
    b.output('logits', ['N', 2]);
    await expect(compileGradientModel(b.build(), { loss: 'ce' })).rejects.toThrow(/input "img" has a dynamic dimension 2 \("H"\); pass inputShape/);
    const runner = await GradientRunner.create({ model: b.build() }, { loss: 'ce', inputShape: [1, 1, 5, 6] }, { cacheDir: null });
    const r = await runner.run(new Float32Array(60).fill(0.5), [2, 1, 5, 6], { labels: [0, 1] });
    expect(r.grad.length).toBe(60);
    await runner.release();
  });

  it('rejects a wrong input shape, NaN, out-of-range labels and a missing tensor name', async () => {
    const runner = await GradientRunner.create({ model: resnetLike() }, { loss: 'ce' }, { cacheDir: null });
    const x = new Float32Array(64).fill(0.5);
    await expect(runner.run(x, [1, 1, 8, 7], { labels: [0] })).rejects.toThrow(/shape \[1, 1, 8, 7\] does not match the model's \[N, 1, 8, 8\]/);
    const bad = x.slice();
    bad[5] = Number.NaN;
    await expect(runner.run(bad, [1, 1, 8, 8], { labels: [0] })).rejects.toThrow(/value NaN at index 5/);
    await expect(runner.run(x, [1, 1, 8, 8], { labels: [3] })).rejects.toThrow(/class 3 at index 0 is outside 0…2/);
    await expect(runner.run(x, [1, 1, 8, 8], {})).rejects.toThrow(/needs labels/);
    const ok = await runner.run(x, [1, 1, 8, 8], { labels: [2] });
    expect(ok.loss.length).toBe(1);
    await runner.release();
    await expect(compileGradientModel(resnetLike(), { loss: 'ce', wrt: ['nope'] })).rejects.toThrow(/no tensor "nope"/);
    await expect(compileGradientModel(resnetLike(), { loss: 'pixel-ce' })).rejects.toThrow(/segmentation output/);
    const b = new GraphBuilder();
    b.input('d', ['N', 3], DataType.DOUBLE);
    b.op('Relu', ['d'], {}, 'y');
    b.output('y', ['N', 3], DataType.DOUBLE);
    await expect(compileGradientModel(b.build(), { loss: 'cotangent' })).rejects.toThrow(/input "d" has element type DOUBLE; gradients are compiled for float32 inputs only/);
  });
});

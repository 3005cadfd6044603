import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyParams, GradientRunner } from '../../../electron/engine/autodiff';
import { rng } from './gradcheck';
import { resnetLike } from './networks';

describe('compiled models are cached on disk by model hash + options', () => {
  it('reuses the cached model (same results, params included) and separates different options', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aegis-cache-'));
    const model = resnetLike();
    const fc = model.graph!.node.at(-1)!.input[1];
    const r = rng(3);
    const x = Float32Array.from({ length: 128 }, () => r());
    const first = await GradientRunner.create({ model, hash: 'h1' }, { loss: 'ce', params: [fc] }, { cacheDir: dir });
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.onnx'))).toHaveLength(1);
    expect(files.some((f) => f.endsWith('.params'))).toBe(true);
    const a = await first.run(x, [2, 1, 8, 8], { labels: [0, 1] });
    const second = await GradientRunner.create({ model: resnetLike(), hash: 'h1' }, { params: [fc], loss: 'ce' }, { cacheDir: dir });
    expect(readdirSync(dir).sort()).toEqual(files);
    const b = await second.run(x, [2, 1, 8, 8], { labels: [0, 1] });
    expect(Array.from(b.grad)).toEqual(Array.from(a.grad));
    expect(Array.from(b.grads[fc].data)).toEqual(Array.from(a.grads[fc].data));
    expect(second.info).toEqual(first.info);
    const other = await GradientRunner.create({ model, hash: 'h1' }, { loss: 'margin' }, { cacheDir: dir });
    expect(readdirSync(dir).filter((f) => f.endsWith('.onnx'))).toHaveLength(2);
    for (const runner of [first, second, other]) await runner.release();
  });

  it('applies parameter updates (training step lowers the loss)', async () => {
    const model = resnetLike();
    const runner = await GradientRunner.create({ model }, { loss: 'ce', params: 'all' }, { cacheDir: null });
    expect(runner.info.params.length).toBeGreaterThan(10);
    const r = rng(4);
    const x = Float32Array.from({ length: 4 * 64 }, () => r());
    const labels = [0, 1, 2, 0];
    const before = await runner.run(x, [4, 1, 8, 8], { labels });
    for (const [name, p] of runner.params()) {
      const g = before.grads[name].data;
      runner.setParam(name, p.data.map((v, i) => v - 0.05 * g[i]));
    }
    const after = await runner.run(x, [4, 1, 8, 8], { labels });
    const sum = (l: Float32Array) => l.reduce((s, v) => s + v, 0);
    expect(sum(after.loss)).toBeLessThan(sum(before.loss));
    // The trained weights written back give the same loss in a fresh gradient model.
    const trained = await GradientRunner.create({ model: applyParams(model, runner.params()) }, { loss: 'ce' }, { cacheDir: null });
    const again = await trained.run(x, [4, 1, 8, 8], { labels });
    Array.from(again.loss).forEach((v, i) => expect(v).toBeCloseTo(after.loss[i], 5));
    await trained.release();
    expect(() => runner.setParam('nope', new Float32Array(1))).toThrow(/not a parameter/);
    await runner.release();
  });
});

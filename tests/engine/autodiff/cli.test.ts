import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GradientRunner } from '../../../electron/engine/autodiff';
import { encodeNpy, readNpy } from '../../../electron/engine/io/npy';
import { encodeModel } from '../../../electron/engine/onnx/model';
import { rng } from './gradcheck';
import { resnetLike } from './networks';

const run = promisify(execFile);
const aegis = (args: string[], env: Record<string, string>) =>
  run('node', ['bin/aegis.js', ...args], { cwd: process.cwd(), env: { ...process.env, ...env }, timeout: 60_000 });

describe('aegis info / aegis grad (spawned CLI)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aegis-cli-'));
  const modelPath = path.join(dir, 'resnet.onnx');
  const bytes = encodeModel(resnetLike());
  writeFileSync(modelPath, bytes);
  const r = rng(21);
  const x = Float32Array.from({ length: 64 }, () => r());
  writeFileSync(path.join(dir, 'x.npy'), encodeNpy({ data: x, shape: [1, 1, 8, 8] }));
  const env = { AEGIS_HOME: path.join(dir, 'home') };

  it('info --json lists inputs, outputs, opset, op histogram, differentiable, unsupportedOps', async () => {
    const { stdout } = await aegis(['info', modelPath, '--json'], env);
    const info = JSON.parse(stdout);
    expect(info.inputs).toEqual([{ name: 'x', type: 'FLOAT', shape: ['N', 1, 8, 8] }]);
    expect(info.outputs[0].name).toBe('logits');
    expect(info.opset).toBe(17);
    expect(info.opHistogram).toMatchObject({ Conv: 6, Relu: 5, MaxPool: 1, Gemm: 1, BatchNormalization: 1 });
    expect(info.differentiable).toBe(true);
    expect(info.unsupportedOps).toEqual([]);
  });

  it('grad --label K --loss ce equals ∂CE/∂X by finite differences; --target flips the sign', async () => {
    const out = path.join(dir, 'g.npy');
    await aegis(['grad', '--model', modelPath, '--input', path.join(dir, 'x.npy'), '--label', '2', '--out', out], env);
    const g = await readNpy(out);
    expect(g.shape).toEqual([1, 1, 8, 8]);
    const session = await InferenceSession.create(bytes);
    const ce = async (v: Float32Array) => {
      const z = Array.from((await session.run({ x: new Tensor('float32', v, [1, 1, 8, 8]) })).logits.data as Float32Array);
      const m = Math.max(...z);
      return Math.log(z.reduce((s, t) => s + Math.exp(t - m), 0)) + m - z[2];
    };
    const h = 2e-3;
    for (const i of [0, 9, 27, 36, 63]) {
      const v = x.slice();
      v[i] += h;
      const up = await ce(v);
      v[i] -= 2 * h;
      const fd = (up - (await ce(v))) / (2 * h);
      expect(Math.abs((g.data[i] as number) - fd)).toBeLessThan(2e-3 + 1e-2 * Math.abs(fd));
    }
    const outT = path.join(dir, 't.npy');
    const { stdout } = await aegis(['grad', '--model', modelPath, '--input', path.join(dir, 'x.npy'), '--target', '2', '--out', outT, '--json'], env);
    expect(JSON.parse(stdout)).toMatchObject({ output: 'logits', loss: 'ce', provider: 'cpu' });
    const t = await readNpy(outT);
    t.data.forEach((v, i) => expect(v).toBeCloseTo(-(g.data[i] as number), 6));
  });

  it('grad on torch.onnx exports agrees with torch autograd (ViT, per-sample; U-Net with per-pixel labels)', async () => {
    const fixtures = path.join(process.cwd(), 'tests', 'fixtures', 'models');
    const near = (a: ArrayLike<number>, b: ArrayLike<number>, from: number, to: number) => {
      let worst = 0;
      let scale = 0;
      for (let i = from; i < to; i += 1) {
        worst = Math.max(worst, Math.abs(Number(a[i]) - Number(b[i])));
        scale = Math.max(scale, Math.abs(Number(b[i])));
      }
      expect(worst / scale).toBeLessThan(2e-3);
    };
    const vitOut = path.join(dir, 'vit.g.npy');
    await aegis(['grad', '--model', path.join(fixtures, 'vit.onnx'), '--input', path.join(fixtures, 'vit.x.npy'), '--label', '1', '--out', vitOut], env);
    const vitRef = await readNpy(path.join(fixtures, 'vit.grad.npy'));
    // Sample 0 of the stored batch has label 1; per-sample gradients do not mix across the batch.
    near((await readNpy(vitOut)).data as Float32Array, vitRef.data as Float32Array, 0, 3 * 32 * 32);
    const unetOut = path.join(dir, 'unet.g.npy');
    const u = (f: string) => path.join(fixtures, `unet_bilinear.${f}.npy`);
    await aegis(['grad', '--model', path.join(fixtures, 'unet_bilinear.onnx'), '--input', u('x'), '--label', u('labels'), '--out', unetOut], env);
    const unetRef = await readNpy(u('grad'));
    near((await readNpy(unetOut)).data as Float32Array, unetRef.data as Float32Array, 0, unetRef.data.length);
  });

  it('grad --cotangent C.npy gives the vector–Jacobian product Jᵀ·C', async () => {
    const c = Float32Array.from([0.5, -1, 2]);
    writeFileSync(path.join(dir, 'c.npy'), encodeNpy({ data: c, shape: [1, 3] }));
    const out = path.join(dir, 'vjp.npy');
    await aegis(['grad', '--model', modelPath, '--input', path.join(dir, 'x.npy'), '--cotangent', path.join(dir, 'c.npy'), '--out', out], env);
    const g = await readNpy(out);
    // Jᵀ·C = Σ_k C_k ∇z_k: the same as the logit gradients combined in-process.
    const runner = await GradientRunner.create({ model: resnetLike() }, { loss: 'logit' }, { cacheDir: null });
    const expected = new Float32Array(64);
    for (let k = 0; k < 3; k += 1) {
      const r = await runner.run(x, [1, 1, 8, 8], { labels: [k] });
      r.grad.forEach((v, i) => (expected[i] += c[k] * v));
    }
    await runner.release();
    expected.forEach((v, i) => expect(g.data[i] as number).toBeCloseTo(v, 5));
  });

  it('fails with a clear message on a corrupt model and on a bad label', async () => {
    writeFileSync(path.join(dir, 'bad.onnx'), 'garbage');
    await expect(aegis(['info', path.join(dir, 'bad.onnx')], env)).rejects.toMatchObject({ stderr: expect.stringMatching(/bad\.onnx: not a valid ONNX/) });
    await expect(aegis(['grad', '--model', modelPath, '--input', path.join(dir, 'x.npy'), '--label', '7', '--out', path.join(dir, 'z.npy')], env)).rejects.toMatchObject({
      stderr: expect.stringMatching(/class 7 at index 0 is outside 0…2/),
    });
  });
});

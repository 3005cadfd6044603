/**
 * Engine benchmark (printed, never asserted): onnxruntime forward latency and one PGD iteration
 * (one run of the compiled gradient model + the L∞ step in JS) on a ResNet-18-shaped 1×1×224×224
 * classifier built here with random weights, on the same execution provider and thread settings.
 * Target: PGD iteration ≤ 2.5 × forward.
 */
import { Tensor } from 'onnxruntime-node';
import type { ModelProto } from 'onnx-buf';
import { GradientRunner } from '../../electron/engine/autodiff';
import { GraphBuilder } from '../../electron/engine/onnx/builder';
import { encodeModel } from '../../electron/engine/onnx/model';
import { createSession } from '../../electron/engine/onnx/session';

/** Deterministic uniform numbers in [−1, 1). */
function uniform(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    out[i] = a / 2 ** 31 - 1;
  }
  return out;
}

/** ResNet-18 layout (BatchNorm folded into Conv bias, as torch.onnx eval exports), 1 input channel, 2 classes. */
export function resnet18Shaped(classes = 2): ModelProto {
  const b = new GraphBuilder();
  let seed = 1;
  const conv = (x: string, cin: number, cout: number, k: number, stride: number, relu: boolean) => {
    const scale = Math.sqrt(2 / (cin * k * k));
    const w = b.init(b.fresh('w'), uniform(cout * cin * k * k, (seed += 1)).map((v) => v * scale), [cout, cin, k, k]);
    const bias = b.init(b.fresh('b'), uniform(cout, (seed += 1)).map((v) => v * 0.01), [cout]);
    const p = Math.floor(k / 2);
    const y = b.op('Conv', [x, w, bias], { kernel_shape: [k, k], strides: [stride, stride], pads: [p, p, p, p] });
    return relu ? b.op('Relu', [y]) : y;
  };
  let h = conv(b.input('x', ['N', 1, 224, 224]), 1, 64, 7, 2, true);
  h = b.op('MaxPool', [h], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let cin = 64;
  for (const [cout, stride] of [[64, 1], [128, 2], [256, 2], [512, 2]]) {
    for (let block = 0; block < 2; block += 1) {
      const s = block === 0 ? stride : 1;
      const shortcut = s !== 1 || cin !== cout ? conv(h, cin, cout, 1, s, false) : h;
      const r = conv(conv(h, cin, cout, 3, s, true), cout, cout, 3, 1, false);
      h = b.op('Relu', [b.op('Add', [r, shortcut])]);
      cin = cout;
    }
  }
  h = b.op('Flatten', [b.op('GlobalAveragePool', [h])]);
  const fc = b.init('fc_w', uniform(classes * 512, 99).map((v) => v * 0.05), [classes, 512]);
  b.op('Gemm', [h, fc, b.init('fc_b', new Float32Array(classes), [classes])], { transB: 1 }, 'logits');
  b.output('logits', ['N', classes]);
  return b.build();
}

async function median(times: number, f: () => Promise<void>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t = performance.now();
    await f();
    samples.push(performance.now() - t);
  }
  samples.sort((a, c) => a - c);
  return samples[Math.floor(samples.length / 2)];
}

/** Prints forward and PGD-iteration latency (ms) and their ratio. */
export async function bench(): Promise<void> {
  const threads = Number(process.env.AEGIS_BENCH_THREADS ?? 0) || undefined;
  const model = resnet18Shaped();
  const shape = [1, 1, 224, 224];
  const x = uniform(224 * 224, 7).map((v) => (v + 1) / 2);
  const forward = await createSession(encodeModel(model), { intraOpThreads: threads });
  const compileStart = performance.now();
  const runner = await GradientRunner.create({ model }, { loss: 'ce' }, { cacheDir: null, intraOpThreads: threads, providers: [forward.provider] });
  const compileMs = performance.now() - compileStart;
  const feeds = { x: new Tensor('float32', x, shape) };
  const eps = 8 / 255;
  const alpha = 2 / 255;
  const adv = x.slice();
  const pgdStep = async () => {
    const r = await runner.run(adv, shape, { labels: [0] });
    for (let i = 0; i < adv.length; i += 1) {
      const moved = adv[i] + alpha * Math.sign(r.grad[i]);
      adv[i] = Math.min(1, Math.max(0, Math.min(x[i] + eps, Math.max(x[i] - eps, moved))));
    }
  };
  for (let i = 0; i < 3; i += 1) {
    await forward.session.run(feeds);
    await pgdStep();
  }
  const reps = Number(process.env.AEGIS_BENCH_REPS ?? 15);
  const fwdMs = await median(reps, async () => {
    await forward.session.run(feeds);
  });
  const pgdMs = await median(reps, pgdStep);
  console.log(`model: ResNet-18-shaped classifier, input 1×1×224×224, ${model.graph!.node.length} nodes; provider ${forward.provider}, threads ${threads ?? 'onnxruntime default'}`);
  console.log(`gradient model: ${runner.info.backwardNodes} backward nodes, compiled in ${compileMs.toFixed(0)} ms`);
  console.log(`forward (onnxruntime)        ${fwdMs.toFixed(1)} ms`);
  console.log(`PGD iteration (fwd+bwd+step) ${pgdMs.toFixed(1)} ms`);
  console.log(`ratio PGD / forward          ${(pgdMs / fwdMs).toFixed(2)}× (target ≤ 2.5×)`);
  await runner.release();
  await forward.session.release();
}

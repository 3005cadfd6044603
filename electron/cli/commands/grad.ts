/**
 * `aegis grad`: the gradient of a loss with respect to a model's raw input (.npy in, .npy out),
 * compiled into one ONNX model and run in onnxruntime.
 */
import { describeModel, GradientRunner, type LossKind } from '../../engine/autodiff';
import { npyToFloat32, readNpy, writeNpy } from '../../engine/io/npy';
import { loadModel } from '../../engine/onnx';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

const LOSSES = ['ce', 'margin', 'logit'] as const;

function classIndex(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a class index (0, 1, …) or a .npy of labels, not "${text}"`);
  return Number(text);
}

/** The `aegis grad` command. */
export const grad: Command = {
  usage: [
    'Usage: aegis grad --model MODEL --input X.npy (--label K | --target K | --cotangent C.npy)',
    '                  [--loss ce|margin|logit] [--output TENSOR] --out G.npy [--json]',
    '',
    'X.npy is the model input itself (no preprocessing), with or without the batch axis; G.npy has',
    'X\'s shape (float32).',
    '  --label K     G = ∂ loss(model(X), K) / ∂X. Loss ce (default): cross-entropy of softmax(output);',
    '                margin: max_{j≠K} z_j − z_K (C&W); logit: z_K. For a segmentation model (output',
    '                [N, C, H, W]) give --label L.npy with per-pixel classes: the loss is their mean CE.',
    '  --target K    the same with the sign reversed: G = −∂ loss(model(X), K) / ∂X, the direction that',
    '                moves the output towards class K (ascend G for a targeted attack).',
    '  --cotangent C.npy   G = Jᵀ·C, the vector–Jacobian product of the output with C (shaped like it).',
    '  --output TENSOR     differentiate this tensor instead of the automatic choice (the first output,',
    '                or the last differentiable tensor when the outputs end in post-processing).',
    '  --json        print one JSON object: output used, loss, shapes, provider, seconds',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('grad', argv, {
      model: { type: 'string' },
      input: { type: 'string' },
      label: { type: 'string' },
      target: { type: 'string' },
      cotangent: { type: 'string' },
      loss: { type: 'string' },
      output: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    }, false);
    const v = parsed.values;
    if (!v.model || !v.input || !v.out) throw new UsageError('--model, --input and --out are required');
    const seeds = [v.label, v.target, v.cotangent].filter((s) => s !== undefined);
    if (seeds.length !== 1) throw new UsageError('give exactly one of --label K, --target K or --cotangent C.npy');
    if (v.loss && !(LOSSES as readonly string[]).includes(v.loss)) throw new UsageError(`--loss must be one of ${LOSSES.join(', ')}, not "${v.loss}"`);
    if (v.cotangent && v.loss) throw new UsageError('--loss does not apply with --cotangent');
    const started = performance.now();
    const x = await readNpy(v.input);
    const loaded = loadModel(v.model);
    const labelText = v.label ?? v.target;
    const pixelLabels = labelText?.endsWith('.npy') ? await readNpy(labelText) : undefined;
    let loss: LossKind = v.cotangent ? 'cotangent' : ((v.loss ?? 'ce') as LossKind);
    if (pixelLabels) {
      if (v.loss && v.loss !== 'ce') throw new UsageError('per-pixel labels take the cross-entropy loss only');
      loss = 'pixel-ce';
    }
    const declared = describeModel(loaded.model).inputs[0]?.shape ?? [];
    const shape = x.shape.length === declared.length - 1 ? [1, ...x.shape] : x.shape;
    // Dynamic spatial dimensions are fixed by the given array for the compile-time shape probe.
    const dynamic = declared.slice(1).some((d) => typeof d !== 'number' || d <= 0);
    const runner = await GradientRunner.create(loaded, { loss, output: v.output, ...(dynamic ? { inputShape: [1, ...shape.slice(1)] } : {}) });
    try {
      const n = shape[0];
      let labels: number[] | bigint[] | undefined;
      if (pixelLabels) labels = Array.from(pixelLabels.data as ArrayLike<number | bigint>, Number);
      else if (labelText !== undefined) labels = Array(n).fill(classIndex(labelText, v.label !== undefined ? '--label' : '--target'));
      if (!pixelLabels && loss !== 'cotangent' && runner.info.outputShape.length > 2) {
        throw new UsageError(`output "${runner.info.output}" is [${runner.info.outputShape.slice(1).join(', ')}] per image (segmentation): give --label L.npy with per-pixel classes`);
      }
      const weights = Array(n).fill(v.target !== undefined ? -1 : 1);
      const cotangent = v.cotangent ? npyToFloat32(await readNpy(v.cotangent)) : undefined;
      const r = await runner.run(npyToFloat32(x), shape, { labels, weights, cotangent });
      await writeNpy(v.out, { data: r.grad, shape: x.shape });
      const seconds = (performance.now() - started) / 1000;
      const summary = {
        out: v.out,
        shape: x.shape,
        output: runner.info.output,
        outputChoice: runner.info.outputChoice,
        outputReason: runner.info.outputReason,
        loss,
        lossValue: Array.from(r.loss),
        provider: runner.provider,
        seconds,
      };
      if (v.json) console.log(JSON.stringify(summary, null, 2));
      else {
        console.log(`wrote ${v.out} [${x.shape.join(', ')}]: ∂${loss}/∂${runner.info.input} of "${runner.info.output}" (loss ${summary.lossValue.map((l) => l.toPrecision(6)).join(', ')}) on ${runner.provider} in ${seconds.toFixed(2)} s`);
        if (runner.info.outputReason) console.log(`note: ${runner.info.outputReason}`);
      }
      return 0;
    } finally {
      await runner.release();
    }
  },
};

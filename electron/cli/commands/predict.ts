/**
 * `aegis predict --model MODEL IMAGE`: the model's output on one image — .dcm and .png through the
 * pixel pipeline metadata.json describes, .npy as a raw model input.
 */
import { basename } from 'node:path';
import { predictImage } from '../../engine/actions/predictImage';
import { openImageTask } from '../../engine/attacks/imageTask';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

export const predict: Command = {
  usage: [
    'Usage: aegis predict --model MODEL.onnx IMAGE [--json]',
    '',
    'IMAGE is a DICOM file (.dcm) or PNG, prepared as metadata.json beside the model says (intensity',
    'window or min–max, resize, channels, mean/std), or a .npy holding the model input itself.',
    'The output read is the one attacks use: the last differentiable tensor when the model ends in',
    'post-processing. Probabilities are the softmax of logits (per-class sigmoid for multi-label).',
    '',
    'Options:',
    '  --model MODEL   the .onnx file (metadata.json beside it is optional)',
    '  --json          print one JSON object (a .npy holding N stacked inputs gives "samples": one entry each)',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('predict', argv, { json: { type: 'boolean' }, model: { type: 'string' } });
    const modelPath = parsed.values.model;
    const [imagePath, ...extra] = parsed.positionals;
    if (!modelPath) throw new UsageError('--model MODEL.onnx is required');
    if (!imagePath || extra.length) throw new UsageError('give exactly one image: aegis predict --model MODEL IMAGE');
    const task = await openImageTask(modelPath, imagePath);
    try {
      const { objective } = task;
      const { base, samples } = await predictImage(task);
      const shape = base.outputShape;
      const name = (k: number) => base.classes[k] ?? `class ${k}`;
      if (parsed.values.json) {
        const head = { model: modelPath, image: imagePath, imageKind: task.image.kind, ...base };
        console.log(JSON.stringify(samples.length === 1 ? { ...head, ...samples[0] } : { ...head, batch: samples.length, samples }));
        return 0;
      }
      const lines: string[] = [];
      for (const [i, summary] of samples.entries()) {
        if (samples.length > 1) lines.push(`sample ${i}:`);
        if ('pixelFractions' in summary) {
          summary.pixelFractions.forEach((f, k) => lines.push(`  ${name(k).padEnd(16)} ${(100 * f).toFixed(2)} % of pixels`));
          continue;
        }
        const { probabilities: probs, decision } = summary;
        const order = probs.map((p, k) => [p, k] as const).sort((a, b) => b[0] - a[0]);
        for (const [p, k] of order.slice(0, 10)) {
          const chosen = Array.isArray(decision) ? decision.includes(k) : decision === k;
          lines.push(`  ${name(k).padEnd(16)} ${p.toFixed(4)}${chosen ? '  ← decision' : ''}`);
        }
      }
      console.log(`${basename(modelPath)} on ${basename(imagePath)} (${objective.provider}), output "${objective.output}" ${shape.join('×')}${objective.outputReason ? ` — ${objective.outputReason}` : ''}`);
      for (const line of lines) console.log(line);
      return 0;
    } finally {
      await task.objective.release();
    }
  },
};

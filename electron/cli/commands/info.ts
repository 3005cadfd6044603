/** `aegis info MODEL`: inputs, outputs, opset, op histogram and whether gradients can be compiled. */
import { describeModel, supportedOps } from '../../engine/autodiff';
import { loadModel } from '../../engine/onnx';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

const shapeText = (s: (number | string)[]) => `[${s.join(', ')}]`;

/** The `aegis info` command. */
export const info: Command = {
  usage: [
    'Usage: aegis info MODEL.onnx [--json]',
    '',
    'Prints the graph inputs and outputs (name, element type, shape; strings are dynamic dimensions),',
    'the ai.onnx opset, a histogram of op types, and whether Aegis can compile gradients of the output',
    '(differentiable) — with the ops that stop it (unsupportedOps). When the outputs end in',
    'non-differentiable post-processing, the tensor attacks and saliency use instead is named.',
    '',
    'Options:',
    '  --json   print one JSON object (hash = sha256 of the model and its external data)',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('info', argv, { json: { type: 'boolean' } });
    const [modelPath, ...extra] = parsed.positionals;
    if (!modelPath || extra.length) throw new UsageError('give exactly one model: aegis info MODEL.onnx');
    const loaded = loadModel(modelPath);
    const d = describeModel(loaded.model);
    if (parsed.values.json) {
      console.log(JSON.stringify({ model: loaded.path, hash: loaded.hash, ...d }, null, 2));
      return 0;
    }
    const lines = [
      `${loaded.path}`,
      `  sha256     ${loaded.hash}`,
      `  producer   ${d.producer || '(unknown)'}, IR ${d.irVersion}, opset ${d.opset}, ${d.nodes} nodes`,
      '  inputs',
      ...d.inputs.map((t) => `    ${t.name}: ${t.type} ${shapeText(t.shape)}`),
      '  outputs',
      ...d.outputs.map((t) => `    ${t.name}: ${t.type} ${shapeText(t.shape)}`),
      '  ops',
      ...Object.entries(d.opHistogram).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([op, n]) => `    ${op.padEnd(26)} ${n}`),
      `  differentiable  ${d.differentiable ? 'yes' : 'no'}`,
    ];
    if (d.unsupportedOps.length) lines.push(`  unsupportedOps  ${d.unsupportedOps.join(', ')}`);
    if (d.gradientOutputReason) lines.push(`  gradients of    ${d.gradientOutput} — ${d.gradientOutputReason}`);
    if (!d.differentiable && d.unsupportedOps.length) lines.push(`  (ops with gradient rules: ${supportedOps().length}; black-box attacks still work)`);
    console.log(lines.join('\n'));
    return 0;
  },
};

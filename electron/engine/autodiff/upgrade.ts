/**
 * Moves a model's ai.onnx opset to at least 18, so forward and emitted backward nodes share one
 * opset. Only the ops whose signatures changed between 11 and 18 need rewriting: axes attributes
 * that became inputs (Reduce*, Squeeze/Unsqueeze, Split), Split's num_outputs, and the
 * coerce-to-2-D semantics of Softmax/LogSoftmax/Hardmax before 13.
 */
import { create } from '@bufbuild/protobuf';
import { OperatorSetIdProtoSchema, type ModelProto, type NodeProto } from 'onnx-buf';
import { attrInt, attrInts } from '../onnx/attributes';
import { makeNode, makeTensor } from '../onnx/builder';
import { onnxOpset } from '../onnx/model';

/** The opset compiled gradient models use at least. */
export const TARGET_OPSET = 18;

const REDUCE_18 = new Set(['ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSum', 'ReduceLogSumExp', 'ReduceSumSquare']);
const AXES_13 = new Set(['ReduceSum', 'Squeeze', 'Unsqueeze']);
const SOFTMAX_LIKE = new Set(['Softmax', 'LogSoftmax', 'Hardmax']);

/** Upgrades `model` in place; returns the opset it now imports. */
export function upgradeOpset(model: ModelProto): number {
  const from = onnxOpset(model);
  if (from < 11) throw new Error(`opset ${from} is older than the oldest supported (11); re-export the model with opset 11 or newer`);
  if (from >= TARGET_OPSET) return from;
  const graph = model.graph!;
  let counter = 0;
  const fresh = (hint: string) => `aegis_up/${hint}_${(counter += 1)}`;
  const out: NodeProto[] = [];
  const moveAxes = (node: NodeProto, attrName: string) => {
    const axes = attrInts(node, attrName);
    node.attribute = node.attribute.filter((a) => a.name !== attrName);
    if (!axes) return;
    const name = fresh('axes');
    graph.initializer.push(makeTensor(name, BigInt64Array.from(axes.map(BigInt)), [axes.length]));
    node.input[1] = name;
  };
  for (const node of graph.node) {
    if (node.domain !== '' && node.domain !== 'ai.onnx') {
      out.push(node);
      continue;
    }
    if (REDUCE_18.has(node.opType) || (from < 13 && AXES_13.has(node.opType))) moveAxes(node, 'axes');
    if (from < 12 && node.opType === 'Dropout') node.attribute = [];
    if (node.opType === 'Split') {
      if (from < 13) moveAxes(node, 'split');
      if (!node.input[1] && !node.attribute.some((a) => a.name === 'num_outputs')) {
        node.attribute.push(makeNode('Split', [], [], { num_outputs: node.output.length }).attribute[0]);
      }
    }
    if (from < 13 && SOFTMAX_LIKE.has(node.opType)) {
      const axis = attrInt(node, 'axis', 1);
      if (axis !== -1) {
        const flat = fresh('flat');
        const soft = fresh('soft');
        const shape = fresh('shape');
        out.push(makeNode('Flatten', [node.input[0]], [flat], { axis }, fresh('Flatten')));
        out.push(makeNode(node.opType, [flat], [soft], { axis: 1 }, node.name || fresh(node.opType)));
        out.push(makeNode('Shape', [node.input[0]], [shape], {}, fresh('Shape')));
        out.push(makeNode('Reshape', [soft, shape], [node.output[0]], {}, fresh('Reshape')));
        continue;
      }
    }
    out.push(node);
  }
  graph.node = out;
  model.opsetImport = [
    ...model.opsetImport.filter((o) => o.domain !== '' && o.domain !== 'ai.onnx'),
    create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(TARGET_OPSET) }),
  ];
  if (model.irVersion < 8n) model.irVersion = 8n;
  return TARGET_OPSET;
}

/** Static element-type inference over a graph, enough to tell float tensors from integer/bool ones. */
import { TensorProto_DataType as DataType, type GraphProto } from 'onnx-buf';
import { attrInt, attrTensor } from '../onnx/attributes';

const BOOL_OPS = new Set(['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
const INT64_OPS = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin', 'NonMaxSuppression']);

/** Whether an ONNX element type is floating point (the only differentiable kind). */
export function isFloatType(t: number | undefined): boolean {
  return t === DataType.FLOAT || t === DataType.DOUBLE || t === DataType.FLOAT16 || t === DataType.BFLOAT16;
}

function elemType(v: { type?: { value: { case: string | undefined; value?: unknown } } }): number {
  const tt = v.type?.value;
  return tt?.case === 'tensorType' ? (tt.value as { elemType: number }).elemType : DataType.UNDEFINED;
}

/** Element type of every named tensor the graph defines (UNDEFINED when unknown). */
export function inferDtypes(graph: GraphProto): Map<string, number> {
  const types = new Map<string, number>();
  for (const v of [...graph.input, ...graph.valueInfo, ...graph.output]) {
    const t = elemType(v);
    if (t !== DataType.UNDEFINED) types.set(v.name, t);
  }
  for (const t of graph.initializer) types.set(t.name, t.dataType);
  for (const node of graph.node) {
    const first = node.opType === 'Where' ? node.input[1] : node.input[0];
    const inType = first !== undefined ? types.get(first) ?? DataType.UNDEFINED : DataType.UNDEFINED;
    node.output.forEach((out, i) => {
      if (!out || types.has(out)) return;
      let t = inType;
      if (BOOL_OPS.has(node.opType)) t = DataType.BOOL;
      else if (INT64_OPS.has(node.opType)) t = DataType.INT64;
      else if (node.opType === 'Cast' || node.opType === 'RandomNormal' || node.opType === 'RandomUniform' || node.opType === 'EyeLike') t = attrInt(node, 'to', attrInt(node, 'dtype', DataType.FLOAT));
      else if (node.opType === 'CastLike') t = types.get(node.input[1]) ?? inType;
      else if (node.opType === 'Constant') t = attrTensor(node, 'value')?.dataType ?? (node.attribute[0]?.name.startsWith('value_int') ? DataType.INT64 : DataType.FLOAT);
      else if (node.opType === 'ConstantOfShape') t = attrTensor(node, 'value')?.dataType ?? DataType.FLOAT;
      else if (node.opType === 'OneHot') t = types.get(node.input[2]) ?? DataType.FLOAT;
      else if (i > 0 && (node.opType === 'MaxPool' || node.opType === 'TopK')) t = DataType.INT64;
      else if (i > 0 && node.opType === 'Dropout') t = DataType.BOOL;
      types.set(out, t);
    });
  }
  return types;
}

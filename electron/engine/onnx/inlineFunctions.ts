/** Inlining of model-local functions (FunctionProto), which the dynamo exporter emits. */
import { clone, create } from '@bufbuild/protobuf';
import { AttributeProtoSchema, NodeProtoSchema, type AttributeProto, type FunctionProto, type ModelProto, type NodeProto } from 'onnx-buf';

const key = (domain: string, name: string) => `${domain}::${name}`;

function expand(
  node: NodeProto,
  fn: FunctionProto,
  uid: string,
  table: Map<string, FunctionProto>,
  depth: number,
): NodeProto[] {
  const rename = new Map<string, string>();
  fn.input.forEach((formal, i) => rename.set(formal, node.input[i] ?? ''));
  fn.output.forEach((formal, i) => rename.set(formal, node.output[i] ?? `${uid}/unused_${i}`));
  const mapName = (n: string) => {
    if (n === '') return '';
    if (!rename.has(n)) rename.set(n, `${uid}/${n}`);
    return rename.get(n) as string;
  };
  const callAttrs = new Map(node.attribute.map((a) => [a.name, a]));
  const defaults = new Map(fn.attributeProto.map((a) => [a.name, a]));
  const out: NodeProto[] = [];
  fn.node.forEach((inner, j) => {
    const attribute: AttributeProto[] = [];
    for (const a of inner.attribute) {
      if (!a.refAttrName) {
        attribute.push(a);
        continue;
      }
      const source = callAttrs.get(a.refAttrName) ?? defaults.get(a.refAttrName);
      if (source) attribute.push(create(AttributeProtoSchema, { ...clone(AttributeProtoSchema, source), name: a.name }));
    }
    const copy = create(NodeProtoSchema, {
      ...clone(NodeProtoSchema, inner),
      name: `${uid}/${inner.name || j}`,
      input: inner.input.map(mapName),
      output: inner.output.map(mapName),
      attribute,
    });
    out.push(...inlineNode(copy, table, depth + 1));
  });
  return out;
}

function inlineNode(node: NodeProto, table: Map<string, FunctionProto>, depth: number): NodeProto[] {
  const fn = table.get(key(node.domain, node.opType));
  if (!fn) return [node];
  if (depth > 32) throw new Error(`function ${node.domain}.${node.opType}: nested more than 32 levels (recursive?)`);
  return expand(node, fn, node.name || `${node.opType}_${depth}`, table, depth);
}

/**
 * Replaces every call of a model-local function by its body (recursively), in place, and removes
 * the functions. Tensor names inside a body are prefixed with the calling node's name.
 */
export function inlineFunctions(model: ModelProto): void {
  if (!model.graph || model.functions.length === 0) return;
  const table = new Map(model.functions.map((f) => [key(f.domain, f.name), f]));
  let counter = 0;
  const nodes: NodeProto[] = [];
  for (const node of model.graph.node) {
    if (table.has(key(node.domain, node.opType)) && !node.name) node.name = `call_${(counter += 1)}`;
    nodes.push(...inlineNode(node, table, 0));
  }
  model.graph.node = nodes;
  const used = new Set(model.functions.map((f) => f.domain));
  model.functions = [];
  model.opsetImport = model.opsetImport.filter((o) => o.domain === '' || !used.has(o.domain) || nodes.some((n) => n.domain === o.domain));
}

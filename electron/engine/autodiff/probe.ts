/**
 * Compile-time shape probe: runs the forward graph in onnxruntime (CPU), recording the shape of
 * every tensor and the values of small ones. The batch dimension is made dynamic
 * when the model allows it (probed at batch 2 so broadcast batch axes can be told apart).
 */
import { clone, create } from '@bufbuild/protobuf';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { ModelProtoSchema, TensorProto_DataType as DataType, ValueInfoProtoSchema, type ModelProto, type NodeProto, type ValueInfoProto } from 'onnx-buf';
import { makeNode } from '../onnx/builder';
import { encodeModel } from '../onnx/model';

/** Shapes of every tensor and values of small ones at the probe input. */
export interface Probe {
  shapes: Map<string, number[]>;
  values: Map<string, Float64Array>;
  dynamicBatch: boolean;
  /** Shape of the differentiated input at the probe. */
  inputShape: number[];
}

const SMALL = 64;

function dimsOf(v: ValueInfoProto): (number | string)[] {
  const t = v.type?.value;
  if (t?.case !== 'tensorType' || !t.value.shape) return [];
  return t.value.shape.dim.map((d) => (d.value.case === 'dimValue' ? Number(d.value.value) : d.value.case === 'dimParam' ? d.value.value : '?'));
}

function elemTypeOf(v: ValueInfoProto): number {
  const t = v.type?.value;
  return t?.case === 'tensorType' ? t.value.elemType : DataType.FLOAT;
}

function setBatchSymbolic(v: ValueInfoProto): void {
  const t = v.type?.value;
  const dim = t?.case === 'tensorType' ? t.value.shape?.dim[0] : undefined;
  if (dim) dim.value = { case: 'dimParam', value: 'N' };
}

function feedFor(v: ValueInfoProto, shape: number[]): Tensor {
  const count = shape.reduce((a, b) => a * b, 1);
  const type = elemTypeOf(v);
  if (type === DataType.INT64) return new Tensor('int64', new BigInt64Array(count), shape);
  if (type === DataType.INT32) return new Tensor('int32', new Int32Array(count), shape);
  if (type === DataType.BOOL) return new Tensor('bool', new Uint8Array(count), shape);
  if (type === DataType.DOUBLE) return new Tensor('float64', Float64Array.from({ length: count }, (_, i) => ((i * 7919) % 1000) / 1000), shape);
  return new Tensor('float32', Float32Array.from({ length: count }, (_, i) => ((i * 7919) % 1000) / 1000), shape);
}

/** Shape at which a graph input is probed, from its declaration or `given`; throws on unknown dims. */
export function probeShape(v: ValueInfoProto, given?: number[]): number[] {
  if (given) return given;
  const dims = dimsOf(v);
  if (dims.length === 0) throw new Error(`input "${v.name}" declares no shape; pass inputShape`);
  return dims.map((d, i) => {
    if (typeof d === 'number' && d > 0) return d;
    if (i === 0) return 1;
    throw new Error(`input "${v.name}" has a dynamic dimension ${i} ("${d}"); pass inputShape`);
  });
}

/** Runs `model` with `outputs` as its only outputs (extra `nodes` appended); returns them by name. */
async function runWith(model: ModelProto, feeds: Record<string, Tensor>, outputs: string[], nodes: NodeProto[] = []): Promise<Record<string, Tensor>> {
  // The graph is changed only while encoding (no copy of possibly large weights), then restored.
  const graph = model.graph!;
  const [keepNodes, keepOutputs] = [graph.node, graph.output];
  graph.node = [...keepNodes, ...nodes];
  graph.output = outputs.map((name) => create(ValueInfoProtoSchema, { name }));
  let bytes: Uint8Array;
  try {
    bytes = encodeModel(model);
  } finally {
    [graph.node, graph.output] = [keepNodes, keepOutputs];
  }
  // Fatal-only logging: a failed batch-relaxation attempt is expected and handled, not an error to print.
  const session = await InferenceSession.create(bytes, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled', logSeverityLevel: 4 });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/**
 * Two runs keep memory at one forward pass: the first returns only Shape(T) of every tensor T,
 * the second the values of the small ones (shape plumbing, axes, pads, scales).
 */
async function runProbe(model: ModelProto, input: string, shape: number[]): Promise<Omit<Probe, 'dynamicBatch' | 'inputShape'>> {
  const graph = model.graph!;
  const inits = new Set(graph.initializer.map((t) => t.name));
  const feeds: Record<string, Tensor> = {};
  for (const v of graph.input) {
    if (inits.has(v.name)) continue;
    feeds[v.name] = feedFor(v, v.name === input ? shape : probeShape(v).map((d, i) => (i === 0 ? shape[0] : d)));
  }
  const tensors = [...new Set(graph.node.flatMap((n) => n.output).filter((o) => o !== ''))];
  const shapeName = (t: string) => `aegis_probe/shape/${t}`;
  const shapeNodes = tensors.map((t) => makeNode('Shape', [t], [shapeName(t)], {}, `aegis_probe/Shape/${t}`));
  const shapeOut = await runWith(model, feeds, tensors.map(shapeName), shapeNodes);
  const shapes = new Map<string, number[]>();
  for (const [name, t] of Object.entries(feeds)) shapes.set(name, t.dims.map(Number));
  for (const t of tensors) shapes.set(t, Array.from(shapeOut[shapeName(t)].data as BigInt64Array, Number));
  const small = tensors.filter((t) => (shapes.get(t) as number[]).reduce((a, b) => a * b, 1) <= SMALL);
  const values = new Map<string, Float64Array>();
  const valueOut = small.length ? await runWith(model, feeds, small) : {};
  for (const [name, t] of Object.entries({ ...feeds, ...valueOut })) {
    if (t.size <= SMALL && t.type !== 'string') values.set(name, Float64Array.from(t.data as ArrayLike<number | bigint>, Number));
  }
  return { shapes, values };
}

/**
 * Probes `model` (in place: when the batch can be made dynamic, the input's and outputs' first
 * dimension becomes "N" and stale value_info is dropped).
 */
export async function probeModel(model: ModelProto, input: string, given?: number[]): Promise<Probe> {
  const graph = model.graph!;
  const inputInfo = graph.input.find((v) => v.name === input);
  if (!inputInfo) throw new Error(`the model has no input "${input}"`);
  const shape = probeShape(inputInfo, given);
  const first = dimsOf(inputInfo)[0];
  const declaredDynamic = typeof first === 'string' || first === undefined || (typeof first === 'number' && first <= 0);
  if (declaredDynamic) {
    const probe = await runProbe(model, input, [2, ...shape.slice(1)]);
    return { ...probe, dynamicBatch: true, inputShape: [2, ...shape.slice(1)] };
  }
  if (shape[0] === 1) {
    const relaxed = clone(ModelProtoSchema, model);
    const g = relaxed.graph!;
    g.input.filter((v) => v.name === input).forEach(setBatchSymbolic);
    g.output.forEach(setBatchSymbolic);
    g.valueInfo = [];
    try {
      const probe = await runProbe(relaxed, input, [2, ...shape.slice(1)]);
      if (g.output.every((o) => probe.shapes.get(o.name)?.[0] === 2)) {
        graph.input = g.input;
        graph.output = g.output;
        graph.valueInfo = [];
        return { ...probe, dynamicBatch: true, inputShape: [2, ...shape.slice(1)] };
      }
    } catch {
      // The model hard-codes batch 1 somewhere (e.g. a Reshape to [1, -1]): keep it static.
    }
  }
  const probe = await runProbe(model, input, shape);
  return { ...probe, dynamicBatch: false, inputShape: shape };
}

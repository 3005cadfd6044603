/** Static description of a model for `aegis info`: I/O, opset, op histogram and differentiability. */
import type { ModelProto, ValueInfoProto } from 'onnx-buf';
import { onnxOpset } from '../onnx/model';
import { analyzeGraph, chooseOutput, topoSort } from './analysis';
import { inferDtypes, isFloatType } from './dtypes';

/** One graph input or output. */
export interface TensorDescription {
  name: string;
  /** ONNX element type name, e.g. "FLOAT". */
  type: string;
  /** Dimensions; strings are symbolic (dynamic). */
  shape: (number | string)[];
}

/** What `aegis info` prints. */
export interface ModelDescription {
  inputs: TensorDescription[];
  outputs: TensorDescription[];
  opset: number;
  irVersion: number;
  producer: string;
  nodes: number;
  /** Op type → count, ops of other domains as "domain.Op". */
  opHistogram: Record<string, number>;
  /** Whether a gradient of the (possibly auto-chosen) output w.r.t. the first input can be compiled. */
  differentiable: boolean;
  /** Ops without a gradient rule on the path from the input to the first output. */
  unsupportedOps: string[];
  /** The tensor attacks and saliency use, and why when it is not the first output. */
  gradientOutput?: string;
  gradientOutputReason?: string;
}

const TYPE_NAMES: Record<number, string> = { 1: 'FLOAT', 2: 'UINT8', 3: 'INT8', 4: 'UINT16', 5: 'INT16', 6: 'INT32', 7: 'INT64', 9: 'BOOL', 10: 'FLOAT16', 11: 'DOUBLE', 16: 'BFLOAT16' };

function describeValue(v: ValueInfoProto): TensorDescription {
  const t = v.type?.value;
  if (t?.case !== 'tensorType') return { name: v.name, type: 'UNKNOWN', shape: [] };
  const shape = (t.value.shape?.dim ?? []).map((d) => (d.value.case === 'dimValue' ? Number(d.value.value) : d.value.value ?? '?'));
  return { name: v.name, type: TYPE_NAMES[t.value.elemType] ?? `TYPE_${t.value.elemType}`, shape };
}

/** Describes a model (functions already inlined) without running it. */
export function describeModel(model: ModelProto): ModelDescription {
  const graph = model.graph!;
  const inits = new Set(graph.initializer.map((t) => t.name));
  const nodes = topoSort(graph);
  const ops: Record<string, number> = {};
  for (const n of nodes) {
    const key = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : n.opType;
    ops[key] = (ops[key] ?? 0) + 1;
  }
  const dtypes = inferDtypes(graph);
  const input = graph.input.find((v) => !inits.has(v.name) && isFloatType(dtypes.get(v.name)))?.name;
  const base = {
    inputs: graph.input.filter((v) => !inits.has(v.name)).map(describeValue),
    outputs: graph.output.map(describeValue),
    opset: onnxOpset(model),
    irVersion: Number(model.irVersion),
    producer: `${model.producerName} ${model.producerVersion}`.trim(),
    nodes: nodes.length,
    opHistogram: ops,
  };
  const first = graph.output[0]?.name;
  if (!input || !first) return { ...base, differentiable: false, unsupportedOps: [] };
  const unsupportedOps = [...new Set(analyzeGraph(graph, nodes, [input], first).unsupported.map((u) => u.opType))].sort();
  try {
    const choice = chooseOutput(graph, nodes, input);
    const onPath = analyzeGraph(graph, nodes, [input], choice.tensor).unsupported;
    return { ...base, differentiable: onPath.length === 0, unsupportedOps, gradientOutput: choice.tensor, gradientOutputReason: choice.reason };
  } catch {
    return { ...base, differentiable: false, unsupportedOps };
  }
}

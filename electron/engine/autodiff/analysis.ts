/**
 * Static differentiability analysis: which tensors carry gradients from the chosen sources, which
 * nodes need a gradient rule, which ops lack one, and which output to differentiate.
 */
import type { GraphProto, NodeProto } from 'onnx-buf';
import { inferDtypes, isFloatType } from './dtypes';
import { hasRule } from './registry';

/** Ops whose float outputs have zero or no gradient by definition (piecewise constant, random). */
const ZERO_GRADIENT_OPS = new Set(['Floor', 'Ceil', 'Round', 'Sign', 'RandomNormalLike', 'RandomUniformLike', 'Bernoulli']);
/** Post-processing that makes the outputs after it non-differentiable for our purposes. */
const STEP_BACK_OPS = new Set(['Sigmoid', 'Softmax', 'LogSoftmax', 'Sub', 'Div', 'Mul']);

/** A node the compiler cannot differentiate. */
export interface UnsupportedNode {
  opType: string;
  node: string;
}

/** Result of {@link analyzeGraph}. */
export interface GraphAnalysis {
  /** Tensors that depend differentiably on the sources. */
  requiresGrad: Set<string>;
  /** Nodes on a path from a source to the target, in forward topological order. */
  active: NodeProto[];
  /** Active nodes without a gradient rule. */
  unsupported: UnsupportedNode[];
}

/** Node name for messages. */
export function nodeLabel(node: NodeProto, index: number): string {
  return node.name || `${node.opType}#${index}`;
}

/** Nodes in forward topological order (ONNX requires it, but some exporters do not comply). */
export function topoSort(graph: GraphProto): NodeProto[] {
  const known = new Set<string>(['', ...graph.input.map((v) => v.name), ...graph.initializer.map((t) => t.name)]);
  const pending = [...graph.node];
  const order: NodeProto[] = [];
  while (pending.length) {
    const before = pending.length;
    for (let i = 0; i < pending.length; ) {
      const n = pending[i];
      if (n.input.every((x) => known.has(x))) {
        order.push(n);
        n.output.forEach((o) => known.add(o));
        pending.splice(i, 1);
      } else i += 1;
    }
    if (pending.length === before) {
      const n = pending[0];
      const missing = n.input.find((x) => !known.has(x));
      throw new Error(`node "${n.name || n.opType}" (${n.opType}) reads "${missing}", which no node, input or initializer defines`);
    }
  }
  return order;
}

/** The nodes (in order) that `targets` depend on; the rest is dropped. */
export function pruneTo(nodes: NodeProto[], targets: Iterable<string>): NodeProto[] {
  const needed = new Set(targets);
  const kept: NodeProto[] = [];
  for (let i = nodes.length - 1; i >= 0; i -= 1) {
    const n = nodes[i];
    if (!n.output.some((o) => needed.has(o))) continue;
    kept.unshift(n);
    n.input.forEach((x) => needed.add(x));
  }
  return kept;
}

/** Forward propagation of "requires grad" from `sources` through float outputs of differentiable ops. */
export function requiresGradFrom(nodes: NodeProto[], sources: Iterable<string>, dtypes: Map<string, number>): Set<string> {
  const req = new Set(sources);
  for (const n of nodes) {
    if (ZERO_GRADIENT_OPS.has(n.opType) || !n.input.some((x) => req.has(x))) continue;
    for (const o of n.output) if (o && isFloatType(dtypes.get(o))) req.add(o);
  }
  return req;
}

/** Analyses the path from `sources` to `target` over `nodes` (topologically sorted). */
export function analyzeGraph(graph: GraphProto, nodes: NodeProto[], sources: string[], target: string): GraphAnalysis {
  const dtypes = inferDtypes(graph);
  const requiresGrad = requiresGradFrom(nodes, sources, dtypes);
  const reaches = new Set([target]);
  const active: NodeProto[] = [];
  for (let i = nodes.length - 1; i >= 0; i -= 1) {
    const n = nodes[i];
    if (!n.output.some((o) => reaches.has(o) && requiresGrad.has(o))) continue;
    const inputs = n.input.filter((x) => requiresGrad.has(x));
    if (inputs.length === 0) continue;
    active.unshift(n);
    inputs.forEach((x) => reaches.add(x));
  }
  const unsupported = active
    .filter((n) => !hasRule(n))
    .map((n) => ({ opType: n.domain ? `${n.domain}.${n.opType}` : n.opType, node: nodeLabel(n, nodes.indexOf(n)) }));
  return { requiresGrad, active, unsupported };
}

/** The output chosen for differentiation and why. */
export interface OutputChoice {
  tensor: string;
  /** 'requested', 'first-output', or 'auto' (the first output was not differentiable). */
  how: 'requested' | 'first-output' | 'auto';
  /** Human-readable explanation when chosen automatically. */
  reason?: string;
}

/**
 * Picks the tensor to differentiate: `requested`, else the first graph output when its whole
 * path from `source` is differentiable, else the last cleanly differentiable ancestor of that
 * output, stepping back over trailing Sigmoid/Softmax/affine post-processing to the logits.
 */
export function chooseOutput(graph: GraphProto, nodes: NodeProto[], source: string, requested?: string): OutputChoice {
  if (requested) return { tensor: requested, how: 'requested' };
  const first = graph.output[0]?.name;
  if (!first) throw new Error('the model declares no outputs');
  const probe = analyzeGraph(graph, nodes, [source], first);
  if (!probe.requiresGrad.has(first)) {
    throw new Error(`output "${first}" does not depend differentiably on input "${source}"`);
  }
  if (probe.unsupported.length === 0) return { tensor: first, how: 'first-output' };
  const producer = new Map<string, NodeProto>();
  nodes.forEach((n) => n.output.forEach((o) => producer.set(o, n)));
  const clean = new Set<string>([source]);
  for (const n of nodes) {
    const req = n.input.filter((x) => probe.requiresGrad.has(x));
    if (req.length === 0 || !hasRule(n) || !req.every((x) => clean.has(x))) continue;
    n.output.forEach((o) => probe.requiresGrad.has(o) && clean.add(o));
  }
  const ancestors = new Set<string>();
  const stack = [first];
  while (stack.length) {
    const t = stack.pop() as string;
    if (ancestors.has(t)) continue;
    ancestors.add(t);
    producer.get(t)?.input.forEach((x) => x && stack.push(x));
  }
  // The latest clean ancestor that every path from the input to the output passes through.
  const order = new Map(nodes.map((n, i) => [n, i]));
  const candidates = [...ancestors]
    .filter((t) => clean.has(t) && t !== source)
    .sort((a, b) => (order.get(producer.get(b) as NodeProto) ?? -1) - (order.get(producer.get(a) as NodeProto) ?? -1));
  const reachesWithout = (cut: string) => {
    const seen = new Set([source]);
    for (const n of nodes) {
      if (n.input.some((x) => seen.has(x) && x !== cut)) n.output.forEach((o) => o !== cut && seen.add(o));
    }
    return seen.has(first);
  };
  let best = candidates.find((t) => !reachesWithout(t));
  if (!best) throw new Error(`no differentiable tensor precedes output "${first}"`);
  for (let p = producer.get(best); p && STEP_BACK_OPS.has(p.opType); p = producer.get(best)) {
    const req = p.input.filter((x) => probe.requiresGrad.has(x));
    if (req.length !== 1) break;
    best = req[0];
  }
  const blockers = [...new Set(probe.unsupported.map((u) => u.opType))].join(', ');
  const at = producer.get(best);
  return {
    tensor: best,
    how: 'auto',
    reason: `output "${first}" passes through ${blockers}, which cannot be differentiated; using "${best}"${at ? ` (from ${at.opType} node "${at.name}")` : ''} instead`,
  };
}

/**
 * The gradient compiler: ModelProto → one ONNX model returning the forward outputs, a per-sample
 * loss and vector–Jacobian products (ORT's gradient-builder structure, standard ops only).
 */
import { clone } from '@bufbuild/protobuf';
import { ModelProtoSchema, type ModelProto, type NodeProto, type TensorProto } from 'onnx-buf';
import { DataType, makeNode, makeValueInfo } from '../onnx/builder';
import { inlineFunctions } from '../onnx/inlineFunctions';
import { decodeTensor } from '../onnx/tensorValues';
import { analyzeGraph, chooseOutput, nodeLabel, pruneTo, topoSort } from './analysis';
import { makeContext } from './context';
import { inferDtypes, isFloatType } from './dtypes';
import { Emitter } from './emitter';
import { buildLoss } from './losses';
import { probeModel } from './probe';
import { ruleFor } from './registry';
import type { ProbeView } from './rule';
import { NAMES, type GradientModelInfo, type GradientOptions } from './types';
import { upgradeOpset } from './upgrade';

/** A compiled gradient model and the initial values of initializers turned into inputs. */
export interface CompiledGradientModel {
  model: ModelProto;
  info: GradientModelInfo;
  /** Values of `info.params` (float32, as stored in the source model). */
  paramValues: Map<string, { data: Float32Array; dims: number[] }>;
}

/** Shape of a TensorProto initializer. */
const dimsOf = (t: TensorProto) => t.dims.map(Number);

/** Compiles `source` (unchanged) into a gradient model; throws before any run for unsupported ops. */
export async function compileGradientModel(source: ModelProto, options: GradientOptions): Promise<CompiledGradientModel> {
  const model = clone(ModelProtoSchema, source);
  inlineFunctions(model);
  const graph = model.graph;
  if (!graph) throw new Error('the model has no graph');
  const opset = upgradeOpset(model);
  graph.node = topoSort(graph);
  const inits = new Map(graph.initializer.map((t) => [t.name, t]));
  const dtypes = inferDtypes(graph);
  const input = options.input ?? graph.input.find((v) => !inits.has(v.name) && isFloatType(dtypes.get(v.name)))?.name;
  if (!input) throw new Error('the model has no float input to differentiate');
  if (!graph.input.some((v) => v.name === input)) throw new Error(`the model has no input "${input}"`);
  if (dtypes.get(input) !== DataType.FLOAT) {
    throw new Error(`input "${input}" has element type ${DataType[dtypes.get(input) ?? 0]}; gradients are compiled for float32 inputs only`);
  }
  const known = new Set([...graph.input.map((v) => v.name), ...graph.node.flatMap((n) => n.output)]);
  for (const name of [options.output, ...(options.wrt ?? []), ...(options.keep ?? [])]) {
    if (name && !known.has(name)) throw new Error(`the model has no tensor "${name}"`);
  }
  const choice = chooseOutput(graph, graph.node, input, options.output);
  if (choice.how === 'auto') {
    // The post-processing after the chosen tensor is dropped (its outputs come from the plain model):
    // it cannot be differentiated, and traced exports of it often only run on the tracing input.
    graph.output = [makeValueInfo(choice.tensor, dtypes.get(choice.tensor) ?? DataType.FLOAT)];
  }
  const wanted = [...graph.output.map((o) => o.name), choice.tensor, ...(options.wrt ?? []), ...(options.keep ?? [])];
  graph.node = pruneTo(graph.node, wanted);
  const nodes = graph.node;
  let params: string[] = [];
  if (options.params === 'all') params = graph.initializer.filter((t) => isFloatType(t.dataType)).map((t) => t.name);
  else if (options.params) {
    for (const p of options.params) if (!inits.has(p)) throw new Error(`the model has no initializer "${p}"`);
    params = options.params;
  }
  const wrt = options.wrt ?? [];
  const analysis = analyzeGraph(graph, nodes, [input, ...wrt, ...params], choice.tensor);
  if (analysis.unsupported.length) {
    const list = analysis.unsupported.map((u) => `${u.opType} (node "${u.node}")`).join(', ');
    throw new Error(`Unsupported op(s) for gradients: ${list}. Aegis cannot differentiate this model through them; black-box methods still work.`);
  }
  const used = new Set(analysis.active.flatMap((n) => n.input));
  if (options.params === 'all') params = params.filter((p) => used.has(p));
  for (const t of [...wrt, ...params]) {
    if (!used.has(t) && t !== choice.tensor) throw new Error(`"${t}" does not influence "${choice.tensor}"; it has no gradient`);
  }
  if (!analysis.requiresGrad.has(choice.tensor)) throw new Error(`"${choice.tensor}" does not depend on input "${input}"`);

  let counter = 0;
  const fresh = (hint: string) => `aegis_fw/${hint}_${(counter += 1)}`;
  for (const n of analysis.active) ruleFor(n)?.rewrite?.(n, fresh);
  const probe = await probeModel(model, input, options.inputShape);

  const constants = new Map<string, Float64Array>();
  for (const t of graph.initializer) {
    if (t.dims.reduce((a, b) => a * Number(b), 1) <= 64 && !params.includes(t.name)) {
      try {
        constants.set(t.name, decodeTensor(t).values);
      } catch {
        // Types the decoder does not read (e.g. strings) are never shape parameters.
      }
    }
  }
  const view: ProbeView = {
    opset,
    shape: (name) => {
      const s = probe.shapes.get(name) ?? (inits.get(name) && dimsOf(inits.get(name) as TensorProto));
      if (!s) throw new Error(`internal: no probed shape for "${name}"`);
      return s;
    },
    value: (name) => constants.get(name) ?? probe.values.get(name),
  };
  const prepared = new Map<NodeProto, unknown>();
  for (const n of analysis.active) {
    const rule = ruleFor(n);
    if (rule?.prepare) prepared.set(n, await rule.prepare(n, view));
  }

  const e = new Emitter();
  const contributions = new Map<string, string[]>();
  const add = (t: string, g: string) => contributions.set(t, [...(contributions.get(t) ?? []), g]);
  const gradOf = (t: string): string | undefined => {
    const list = contributions.get(t);
    if (!list?.length) return undefined;
    if (list.length > 1) contributions.set(t, [e.emit('Sum', list)]);
    return contributions.get(t)?.[0];
  };
  const loss = buildLoss(e, options.loss, choice.tensor, view.shape(choice.tensor));
  add(choice.tensor, loss.seed);
  const before = e.nodes.length;
  for (let i = analysis.active.length - 1; i >= 0; i -= 1) {
    const node = analysis.active[i];
    const outGrads = node.output.map((o) => (o ? gradOf(o) : undefined));
    if (outGrads.every((g) => g === undefined)) continue;
    const rule = ruleFor(node);
    if (!rule) throw new Error(`internal: no rule for ${node.opType}`);
    const ctx = makeContext(node, e, view, prepared.get(node), outGrads, (x) => analysis.requiresGrad.has(x));
    let grads: (string | undefined)[];
    try {
      grads = rule.grad(ctx);
    } catch (err) {
      throw new Error(`${node.opType} node "${nodeLabel(node, nodes.indexOf(node))}": ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    node.input.forEach((x, k) => {
      const g = grads[k];
      if (g && x && analysis.requiresGrad.has(x)) add(x, g);
    });
  }

  const gradients: Record<string, string> = {};
  const outputs = [...graph.output];
  const forwardOutputs = graph.output.map((o) => o.name);
  const emitOutput = (from: string, name: string) => {
    e.nodes.push(makeNode('Identity', [from], [name], {}, `${name}/out`));
    outputs.push(makeValueInfo(name, DataType.FLOAT));
  };
  emitOutput(loss.loss, NAMES.loss);
  forwardOutputs.push(NAMES.loss);
  for (const t of [...new Set([choice.tensor, ...(options.keep ?? []), ...wrt])]) {
    if (forwardOutputs.includes(t)) continue;
    outputs.push(makeValueInfo(t, dtypes.get(t) ?? DataType.FLOAT));
    forwardOutputs.push(t);
  }
  for (const t of [input, ...wrt, ...params]) {
    const g = gradOf(t) ?? e.emit('Mul', [t, e.scalar(0)]);
    gradients[t] = NAMES.grad(t);
    emitOutput(g, NAMES.grad(t));
  }

  const paramValues = new Map<string, { data: Float32Array; dims: number[] }>();
  for (const p of params) {
    const t = inits.get(p) as TensorProto;
    paramValues.set(p, { data: Float32Array.from(decodeTensor(t).values), dims: dimsOf(t) });
    graph.input.push(makeValueInfo(p, DataType.FLOAT, dimsOf(t)));
  }
  graph.initializer = [...graph.initializer.filter((t) => !params.includes(t.name)), ...e.initializers];
  graph.input.push(...loss.inputs);
  graph.node = [...nodes, ...e.nodes];
  graph.output = outputs;
  const labelInput = loss.inputs.find((v) => v.name === NAMES.label);
  const info: GradientModelInfo = {
    input,
    inputShape: probe.inputShape,
    output: choice.tensor,
    outputShape: view.shape(choice.tensor),
    outputChoice: choice.how,
    outputReason: choice.reason,
    loss: options.loss,
    dynamicBatch: probe.dynamicBatch,
    forwardOutputs,
    gradients,
    params,
    feeds: {
      weight: true,
      ...(labelInput ? { label: { shape: options.loss === 'pixel-ce' || options.loss === 'dice' ? 'batch-spatial' : 'batch' } } : {}),
      ...(options.loss === 'cotangent' ? { cotangent: true } : {}),
    },
    backwardNodes: e.nodes.length - before,
  };
  return { model, info, paramValues };
}

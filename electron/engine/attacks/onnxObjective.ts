/**
 * An {@link Objective} over a user's ONNX model: gradients from the gradient compiler (one
 * onnxruntime run per evaluation, loss built into the graph), plain forwards from a session over the
 * same tensor. The tensor is the one the compiler attacks (the last differentiable logits when the
 * model ends in post-processing); a model whose output is probabilities gets a Log appended, so the
 * softmax-based losses see log-probabilities (softmax(log p) = p).
 */
import { clone } from '@bufbuild/protobuf';
import { Tensor } from 'onnxruntime-node';
import { ModelProtoSchema, type ModelProto } from 'onnx-buf';
import { describeModel, GradientRunner, type LossKind, type RunnerOptions } from '../autodiff/index';
import { DataType, encodeModel, hashBytes, makeNode, makeTensor, makeValueInfo, createSession, type ExecutionProvider, type LoadedModel, type ModelSession } from '../onnx/index';
import type { AttackLoss, Evaluation, Objective } from './objective';
import { concatFloat32 } from '../io/concatFloat32';
import { chooseCamLayer } from '../saliency/camLayer';

/** How the model's output is read. */
export interface OnnxObjectiveOptions {
  /** 'probabilities' appends a Log; anything else is treated as logits. */
  outputKind?: 'logits' | 'probabilities' | 'segmentation' | 'multilabel-logits';
  /** Input shape (batch 1) for the dims the model leaves symbolic beyond the batch, e.g. from metadata.json. */
  inputShape?: number[];
  runner?: RunnerOptions;
}

const LOSS_KIND: Record<AttackLoss['kind'], LossKind> = { ce: 'ce', margin: 'margin', logit: 'logit', cotangent: 'cotangent', segCE: 'pixel-ce', dice: 'dice' };

/** A compiled, session-backed model as an attack objective. Call {@link release} when done. */
export class OnnxObjective implements Objective {
  readonly inputSize: number;
  readonly outputShape: number[];
  private readonly runners = new Map<LossKind, Promise<GradientRunner>>();
  private readonly layerRunners = new Map<string, Promise<GradientRunner>>();
  /** Whether the model's batch axis is symbolic, so several inputs can share one run. */
  private dynamicBatch = false;

  private constructor(
    private readonly model: ModelProto,
    private readonly hash: string,
    /** Tensor attacked and scored. */
    readonly output: string,
    /** Why that tensor, when it is not the model's first output. */
    readonly outputReason: string | undefined,
    /** Full input shape, batch 1. */
    readonly inputShape: number[],
    private readonly forward: ModelSession,
    private readonly runnerOptions: RunnerOptions,
  ) {
    this.inputSize = inputShape.reduce((a, b) => a * b, 1);
    this.outputShape = [];
  }

  /** The execution provider the forward session runs on. */
  get provider(): ExecutionProvider {
    return this.forward.provider;
  }

  /** Opens a model: chooses the output tensor, prepares the forward session, checks the input shape. */
  static async create(loaded: LoadedModel, options: OnnxObjectiveOptions = {}): Promise<OnnxObjective> {
    const model = clone(ModelProtoSchema, loaded.model);
    const desc = describeModel(model);
    const input = desc.inputs[0];
    if (!input) throw new Error(`${loaded.path}: the model has no input`);
    let output = desc.gradientOutput ?? desc.outputs[0]?.name;
    if (!output) throw new Error(`${loaded.path}: the model has no output`);
    const graph = model.graph!;
    if (options.outputKind === 'probabilities') {
      const eps = 'aegis_obj/eps';
      graph.initializer.push(makeTensor(eps, new Float32Array([1e-12]), []));
      graph.node.push(makeNode('Add', [output, eps], ['aegis_obj/p'], {}, 'aegis_obj/add'), makeNode('Log', ['aegis_obj/p'], ['aegis_obj/logp'], {}, 'aegis_obj/log'));
      output = 'aegis_obj/logp';
    }
    // The model's static dims win; symbolic ones come from `inputShape` (metadata), the batch is 1.
    const dims: (number | string)[] = input.shape.length ? input.shape : (options.inputShape ?? []);
    const shape = dims.map((d, i) => (i === 0 ? 1 : typeof d === 'number' && d > 0 ? d : (options.inputShape?.[i] ?? NaN)));
    if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d <= 0)) {
      throw new Error(`${loaded.path}: input "${input.name}" has shape [${input.shape.join(', ')}]; give the input size in metadata.json (network_data_format.inputs.*.size)`);
    }
    const forwardModel = clone(ModelProtoSchema, model);
    forwardModel.graph!.output = [makeValueInfo(output, DataType.FLOAT)];
    const forward = await createSession(encodeModel(forwardModel), { providers: options.runner?.providers, intraOpThreads: options.runner?.intraOpThreads });
    const hash = options.outputKind === 'probabilities' ? hashBytes(new TextEncoder().encode(`${loaded.hash}|log`)) : loaded.hash;
    const obj = new OnnxObjective(model, hash, output, desc.gradientOutputReason, shape, forward, options.runner ?? {});
    obj.dynamicBatch = !(typeof dims[0] === 'number' && dims[0] > 0);
    const probe = await obj.rawForward(new Float32Array(obj.inputSize));
    obj.outputShape.push(...probe.dims.slice(1));
    return obj;
  }

  private async rawForward(x: Float32Array): Promise<{ data: Float32Array; dims: number[] }> {
    const session = this.forward.session;
    const out = await session.run({ [session.inputNames[0]]: new Tensor('float32', x, this.inputShape) });
    const t = out[session.outputNames[0]];
    if (t.type !== 'float32') throw new Error(`output "${this.output}" is ${t.type}, not float32`);
    return { data: t.data as Float32Array, dims: t.dims.map(Number) };
  }

  private runner(kind: LossKind): Promise<GradientRunner> {
    let r = this.runners.get(kind);
    if (!r) {
      r = GradientRunner.create({ model: this.model, hash: this.hash }, { loss: kind, output: this.output, keep: [this.output], inputShape: this.inputShape }, this.runnerOptions);
      this.runners.set(kind, r);
      r.catch(() => this.runners.delete(kind));
    }
    return r;
  }

  /** Compiles (or loads from the cache) the gradient models for these losses ahead of timing. */
  async warmUp(kinds: AttackLoss['kind'][]): Promise<void> {
    await Promise.all(kinds.map((k) => this.runner(LOSS_KIND[k])));
  }

  /** Logits (or log-probabilities) at x, batch 1. */
  async predict(x: Float32Array): Promise<Float32Array> {
    if (x.length !== this.inputSize) throw new Error(`model input needs ${this.inputSize} values (shape [${this.inputShape.join(', ')}]), got ${x.length}`);
    const bad = x.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`model input value ${x[bad]} at index ${bad}; inputs must be finite numbers`);
    return Float32Array.from((await this.rawForward(x)).data);
  }

  /**
   * Logits at several inputs in ONE onnxruntime run when the model's batch axis is dynamic (query
   * attacks' candidate batches); one run each otherwise.
   */
  async predictBatch(xs: Float32Array[]): Promise<Float32Array[]> {
    if (xs.length <= 1 || !this.dynamicBatch) {
      const out: Float32Array[] = [];
      for (const x of xs) out.push(await this.predict(x));
      return out;
    }
    for (const x of xs) if (x.length !== this.inputSize) throw new Error(`model input needs ${this.inputSize} values (shape [${this.inputShape.join(', ')}]), got ${x.length}`);
    const session = this.forward.session;
    const out = await session.run({ [session.inputNames[0]]: new Tensor('float32', concatFloat32(xs), [xs.length, ...this.inputShape.slice(1)]) });
    const data = out[session.outputNames[0]].data as Float32Array;
    const k = data.length / xs.length;
    return xs.map((_, i) => data.slice(i * k, (i + 1) * k));
  }

  /** One gradient run; the loss kinds map onto the compiler's in-graph losses. */
  async evaluate(x: Float32Array, loss: AttackLoss): Promise<Evaluation> {
    return (await this.evaluateBatch([x], [loss]))[0];
  }

  /**
   * Several evaluations of one loss kind in ONE onnxruntime run when the model's batch is dynamic
   * (samples are independent, so the gradient of Σ wᵢ·lossᵢ splits per sample); one run each otherwise.
   */
  async evaluateBatch(xs: Float32Array[], losses: AttackLoss[]): Promise<Evaluation[]> {
    const kind = losses[0]?.kind;
    if (!kind || losses.some((l) => l.kind !== kind) || xs.length !== losses.length) throw new Error('evaluateBatch needs one loss per input, all of the same kind');
    const runner = await this.runner(LOSS_KIND[kind]);
    const n = xs.length;
    if (n > 1 && !runner.info.dynamicBatch) {
      const out: Evaluation[] = [];
      for (let i = 0; i < n; i++) out.push(...(await this.evaluateBatch([xs[i]], [losses[i]])));
      return out;
    }
    const seeds =
      kind === 'cotangent'
        ? { cotangent: concatFloat32(losses.map((l) => (l as { seed: Float32Array }).seed)) }
        : kind === 'segCE' || kind === 'dice'
          ? { labels: concatFloat32(losses.map((l) => (l as { labels: Int32Array }).labels)) }
          : {
              labels: losses.map((l) => (l.kind === 'logit' ? l.index : (l as { label: number }).label)),
              weights: new Array<number>(n).fill(kind === 'margin' ? -1 : 1), // compiler margin: max_{j≠y} z_j − z_y; ours is its negative
            };
    const r = await runner.run(concatFloat32(xs), [n, ...this.inputShape.slice(1)], seeds);
    const logits = r.outputs[this.output]?.data;
    if (!logits) throw new Error(`internal: the gradient model did not return "${this.output}"`);
    const k = logits.length / n;
    return xs.map((x, i) => ({
      loss: kind === 'margin' ? -r.loss[i] : r.loss[i],
      grad: r.grad.slice(i * x.length, (i + 1) * x.length),
      logits: logits.slice(i * k, (i + 1) * k),
    }));
  }

  /**
   * The model read at tensor `name` (default: the last spatial feature map, as Grad-CAM's layer): a
   * cotangent-seeded gradient graph on that tensor, as an objective whose logits are its activations.
   * Released with this objective.
   */
  async layer(name?: string): Promise<Objective & { readonly layerName: string }> {
    const tensor = name ?? chooseCamLayer(this.model)?.tensor;
    if (!tensor) throw new Error('this model has no spatial feature map before its head; name the layer (a tensor name from `aegis info`)');
    const known = this.model.graph!.node.some((n) => n.output.includes(tensor));
    if (!known) throw new Error(`"${tensor}" is not a tensor computed by this model; give a node output name from \`aegis info\``);
    const key = `layer:${tensor}`;
    let runner = this.layerRunners.get(key);
    if (!runner) {
      runner = GradientRunner.create({ model: this.model, hash: this.hash }, { loss: 'cotangent', output: tensor, keep: [tensor], inputShape: this.inputShape }, this.runnerOptions);
      this.layerRunners.set(key, runner);
    }
    const r = await runner;
    const shape = this.inputShape;
    const size = r.info.outputShape.slice(1).reduce((a, b) => a * b, 1);
    const run = async (x: Float32Array, seed?: Float32Array) => {
      const out = await r.run(x, shape, { cotangent: seed ?? new Float32Array(size) });
      return { features: out.outputs[tensor]!, grad: out.grad, loss: out.loss[0] };
    };
    const dims = (await run(new Float32Array(this.inputSize))).features.dims.slice(1);
    return {
      layerName: tensor,
      inputSize: this.inputSize,
      outputShape: dims,
      predict: async (x) => Float32Array.from((await run(x)).features.data),
      async evaluate(x, loss) {
        if (loss.kind !== 'cotangent') throw new Error(`a layer objective takes cotangent seeds, not "${loss.kind}"`);
        const o = await run(x, loss.seed);
        return { loss: o.loss, grad: o.grad, logits: Float32Array.from(o.features.data) };
      },
    };
  }

  /** Releases the sessions. */
  async release(): Promise<void> {
    await this.forward.session.release();
    for (const r of [...this.runners.values(), ...this.layerRunners.values()]) await (await r.catch(() => undefined))?.release();
  }
}

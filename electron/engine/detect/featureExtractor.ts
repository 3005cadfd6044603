import { Tensor } from 'onnxruntime-node';
import type { ModelProto, ValueInfoProto } from 'onnx-buf';
import { DataType, createSession, decodeModel, encodeModel, makeNode, makeValueInfo, type ModelSession } from '../onnx';
import type { FeatureMap } from './featureMap';

/** Prefix of the pooled feature outputs added to the graph: `aegis_gap:<tensor>`. */
const GAP = 'aegis_gap:';
const ACTIVATIONS = new Set(['Relu', 'LeakyRelu', 'Elu', 'Selu', 'Gelu', 'Sigmoid', 'Tanh', 'HardSwish', 'Silu']);

/** What one batch run of a {@link FeatureExtractor} returns, one entry per image. */
export interface FeatureBatch {
  /** The model's first output per image (its logits or probabilities, as exported). */
  outputs: Float32Array[];
  /** Per feature layer: the spatially averaged activations (a C-vector per image), or the vector itself for 2-D layers. */
  pooled: Record<string, Float32Array[]>;
  /** The spatial map of the PaDiM layer per image, or null when the model has no 4-D activation. */
  spatial: FeatureMap[] | null;
}

/**
 * Runs a user's ONNX model with its intermediate activations as extra graph outputs, reduced over
 * the spatial axes in-graph (GlobalAveragePool + Flatten) so only C numbers per layer and image
 * cross to JS (note §4). Feature layers are the outputs of activation nodes (ReLU and friends) and
 * the input of the last Gemm/MatMul (the penultimate features Feinman et al. use). One 4-D layer
 * (the largest spatial map with at most 32×32 positions, deepest on ties) is also kept whole for PaDiM.
 */
export class FeatureExtractor {
  private constructor(
    private readonly ms: ModelSession,
    private readonly inputName: string,
    private readonly outputName: string,
    /** Feature layers (graph tensor names) in graph order. */
    readonly layers: string[],
    /** The penultimate layer (input of the final linear layer), if found. */
    readonly penultimate: string | null,
    /** The layer kept whole for PaDiM, or null. */
    readonly spatialLayer: string | null,
    /** Model input shape without the batch axis [C, H, W]. */
    readonly inputShape: number[],
    /** Layers whose activations are 4-D (pooled in-graph); the others are vectors. */
    readonly spatialLayers: string[],
  ) {}

  /** Execution provider in use. */
  get provider(): string {
    return this.ms.provider;
  }

  /**
   * Builds the extended model and its session. `inputShape` ([C, H, W]) is needed only when the
   * model's input shape is not static.
   */
  static async create(model: ModelProto, inputShape?: number[]): Promise<FeatureExtractor> {
    const graph = model.graph!;
    const initNames = new Set(graph.initializer.map((t) => t.name));
    const input = graph.input.find((i) => !initNames.has(i.name));
    if (!input) throw new Error('Feature extraction: the model has no graph input.');
    const output = graph.output[0]?.name;
    if (!output) throw new Error('Feature extraction: the model has no graph output.');
    const shape = inputShape ?? staticInputShape(input);
    const candidates: string[] = [];
    for (const node of graph.node) if (ACTIVATIONS.has(node.opType)) candidates.push(node.output[0]);
    const linear = [...graph.node].reverse().find((n) => n.opType === 'Gemm' || n.opType === 'MatMul');
    const penultimate = linear ? linear.input[0] : null;
    if (penultimate && !candidates.includes(penultimate)) candidates.push(penultimate);
    if (candidates.length === 0) throw new Error('Feature extraction: no activation or linear layer found to read features from.');

    // Probe: expose every candidate whole, run once on zeros, read the ranks and sizes.
    const probeModel = decodeModel(encodeModel(model));
    for (const t of candidates) probeModel.graph!.output.push(makeValueInfo(t, DataType.FLOAT));
    const probe = await createSession(encodeModel(probeModel));
    const zeros = new Tensor('float32', new Float32Array(shape.reduce((a, b) => a * b, 1)), [1, ...shape]);
    const probed = await probe.session.run({ [input.name]: zeros });
    await probe.session.release();
    const dims = new Map(candidates.map((t) => [t, probed[t].dims.map(Number)]));
    const layers = candidates.filter((t) => dims.get(t)!.length === 4 || dims.get(t)!.length === 2);
    const spatialCandidates = layers.filter((t) => dims.get(t)!.length === 4 && dims.get(t)![2] * dims.get(t)![3] <= 1024);
    let spatialLayer: string | null = null;
    for (const t of spatialCandidates) {
      const area = (x: string) => dims.get(x)![2] * dims.get(x)![3];
      if (spatialLayer === null || area(t) >= area(spatialLayer)) spatialLayer = t;
    }

    const ext = decodeModel(encodeModel(model));
    const g = ext.graph!;
    for (const t of layers) {
      if (dims.get(t)!.length === 4) {
        const pooled = `${t}__aegis_pooled`;
        g.node.push(makeNode('GlobalAveragePool', [t], [pooled], {}, `aegis_gap_${t}`));
        g.node.push(makeNode('Flatten', [pooled], [GAP + t], { axis: 1 }, `aegis_flatten_${t}`));
        g.output.push(makeValueInfo(GAP + t, DataType.FLOAT));
      } else {
        g.output.push(makeValueInfo(t, DataType.FLOAT));
      }
    }
    if (spatialLayer && !g.output.some((o) => o.name === spatialLayer)) g.output.push(makeValueInfo(spatialLayer, DataType.FLOAT));
    const ms = await createSession(encodeModel(ext));
    const spatialLayers = layers.filter((t) => dims.get(t)!.length === 4);
    return new FeatureExtractor(ms, input.name, output, layers, penultimate && layers.includes(penultimate) ? penultimate : null, spatialLayer, shape, spatialLayers);
  }

  /** Runs a batch of model inputs (each C×H×W, already normalised as the model expects). */
  async run(inputs: Float32Array[]): Promise<FeatureBatch> {
    const size = this.inputShape.reduce((a, b) => a * b, 1);
    const stacked = new Float32Array(inputs.length * size);
    inputs.forEach((x, i) => {
      if (x.length !== size) throw new Error(`Feature extraction: input ${i} has ${x.length} values, the model expects ${this.inputShape.join('×')}.`);
      stacked.set(x, i * size);
    });
    const feeds = { [this.inputName]: new Tensor('float32', stacked, [inputs.length, ...this.inputShape]) };
    const out = await this.ms.session.run(feeds);
    const split = (t: Tensor): Float32Array[] => {
      const data = t.data as Float32Array;
      const per = data.length / inputs.length;
      return inputs.map((_, i) => data.slice(i * per, (i + 1) * per));
    };
    const pooled: Record<string, Float32Array[]> = {};
    for (const layer of this.layers) pooled[layer] = split(out[GAP + layer] ?? out[layer]);
    let spatial: FeatureMap[] | null = null;
    if (this.spatialLayer) {
      const t = out[this.spatialLayer];
      const [, channels, height, width] = t.dims.map(Number);
      spatial = split(t).map((data) => ({ data, channels, height, width }));
    }
    return { outputs: split(out[this.outputName]), pooled, spatial };
  }

  /** Releases the onnxruntime session. */
  async release(): Promise<void> {
    await this.ms.session.release();
  }
}

function staticInputShape(input: ValueInfoProto): number[] {
  const t = input.type?.value.case === 'tensorType' ? input.type.value.value : undefined;
  const dims = t?.shape?.dim ?? [];
  const shape = dims.slice(1).map((d) => (d.value.case === 'dimValue' ? Number(d.value.value) : NaN));
  if (dims.length < 2 || shape.some((d) => !Number.isFinite(d))) {
    throw new Error(`Feature extraction: input "${input.name}" has no static shape; give the input size (C, H, W) from metadata.json.`);
  }
  return shape;
}

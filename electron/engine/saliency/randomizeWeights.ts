import { clone } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataType as DataType, type ModelProto } from 'onnx-buf';
import { decodeTensor } from '../onnx/tensorValues';
import { makeTensor } from '../onnx/builder';
import { Rng } from '../attacks/rng';

/** Ops whose weight (input 1) and bias (input 2) are learned parameters. */
const LEARNED = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

/**
 * A copy of the model with every learned weight and bias of Conv, ConvTranspose, Gemm and MatMul
 * replaced by Gaussian noise of the same standard deviation (the full "cascading randomisation" of
 * Adebayo et al. 2018). Normalisation statistics are left alone so the network stays numerically
 * sane. The original model is not touched. Returns the copy and the names of randomised tensors.
 */
export function randomizeWeights(model: ModelProto, seed: number): { model: ModelProto; randomised: string[] } {
  const copy = clone(ModelProtoSchema, model);
  const graph = copy.graph;
  if (!graph) throw new Error('model has no graph');
  const learned = new Set<string>();
  for (const n of graph.node) {
    if (!LEARNED.has(n.opType)) continue;
    if (n.input[1]) learned.add(n.input[1]);
    if (n.input[2]) learned.add(n.input[2]);
  }
  const rng = new Rng(seed);
  const randomised: string[] = [];
  graph.initializer = graph.initializer.map((t) => {
    if (!learned.has(t.name) || t.dataType !== DataType.FLOAT || t.dataLocation === 1) return t;
    const { values, dims } = decodeTensor(t);
    let mean = 0;
    for (const v of values) mean += v;
    mean /= Math.max(values.length, 1);
    let variance = 0;
    for (const v of values) variance += (v - mean) ** 2;
    const std = Math.sqrt(variance / Math.max(values.length, 1)) || 0.01;
    const data = new Float32Array(values.length);
    for (let i = 0; i < data.length; i++) data[i] = std * rng.normal();
    randomised.push(t.name);
    return makeTensor(t.name, data, dims);
  });
  return { model: copy, randomised };
}

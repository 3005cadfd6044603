/** Writing trained parameter values back into a model (e.g. after training with GradientRunner). */
import { clone } from '@bufbuild/protobuf';
import { ModelProtoSchema, type ModelProto } from 'onnx-buf';
import { makeTensor } from '../onnx/builder';

/**
 * A copy of `model` whose float initializers named in `params` hold the given values (float32,
 * same element count as before); throws naming any parameter the model lacks or that changed size.
 */
export function applyParams(model: ModelProto, params: Map<string, { data: Float32Array; dims: number[] }>): ModelProto {
  const copy = clone(ModelProtoSchema, model);
  const inits = copy.graph?.initializer ?? [];
  for (const [name, p] of params) {
    const index = inits.findIndex((t) => t.name === name);
    if (index < 0) throw new Error(`the model has no initializer "${name}"`);
    const count = inits[index].dims.reduce((a, b) => a * Number(b), 1);
    if (count !== p.data.length) throw new Error(`initializer "${name}" holds ${count} values, got ${p.data.length}`);
    inits[index] = makeTensor(name, p.data, p.dims);
  }
  return copy;
}

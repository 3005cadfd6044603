import type { SaliencyMap, SaliencyModel } from './saliencyModel';
import { reduceChannels } from './channelReduce';

/** Input geometry of one sample in model-input space. */
export interface InputShape {
  channels: number;
  height: number;
  width: number;
}

/**
 * Vanilla gradient saliency (Simonyan et al. 2014; Captum `Saliency(abs=True)`): |∂ score_c / ∂x|,
 * summed over channels. Units: score units per model-input unit.
 */
export async function vanillaGradient(model: SaliencyModel, x: Float32Array, shape: InputShape, classIndex: number): Promise<SaliencyMap> {
  const { grads } = await model.scoreGradients(x, 1, classIndex);
  return {
    data: reduceChannels(grads, shape.channels, shape.height, shape.width, true),
    width: shape.width,
    height: shape.height,
    method: 'Vanilla gradient',
    params: { class: classIndex, reduction: '|grad| summed over channels' },
  };
}

import type { ModelProto } from 'onnx-buf';
import { attrInts } from '../onnx/attributes';

/** The feature map Grad-CAM reads, and why it was chosen (shown to the user). */
export interface CamLayerChoice {
  tensor: string;
  reason: string;
}

/**
 * Picks the layer for Grad-CAM as pytorch-grad-cam's usual choice (ResNet `layer4[-1]`, DenseNet
 * `features[-1]`): the last spatial feature map, i.e. the input of the last GlobalAveragePool (or of a
 * ReduceMean over axes 2 and 3), else the input of the last Flatten. Returns null when the graph has
 * neither (a ViT needs a user-chosen layer).
 */
export function chooseCamLayer(model: ModelProto): CamLayerChoice | null {
  const nodes = model.graph?.node ?? [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (n.opType === 'GlobalAveragePool') {
      return { tensor: n.input[0], reason: `input of the last GlobalAveragePool (node '${n.name || i}')` };
    }
    if (n.opType === 'ReduceMean') {
      const axes = attrInts(n, 'axes') ?? [];
      if (axes.includes(2) && axes.includes(3)) {
        return { tensor: n.input[0], reason: `input of the last spatial ReduceMean (node '${n.name || i}')` };
      }
    }
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (n.opType === 'Flatten') return { tensor: n.input[0], reason: `input of the last Flatten (node '${n.name || i}')` };
  }
  return null;
}

/** The first input of the node that produces `tensor` (the map a pooling node reads), or null. */
export function stepBack(model: ModelProto, tensor: string): string | null {
  const node = (model.graph?.node ?? []).find((n) => n.output.includes(tensor));
  return node?.input[0] || null;
}

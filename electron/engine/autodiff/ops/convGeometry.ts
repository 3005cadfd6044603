/** Per-axis geometry shared by the Conv, ConvTranspose and pooling gradients. */
import { attrInts, attrString } from '../../onnx/attributes';
import type { NodeProto } from 'onnx-buf';

/** Kernel, stride, dilation and begin/end pads along each spatial axis. */
export interface Geometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  padBegin: number[];
  padEnd: number[];
}

/**
 * Geometry of a Conv/pool node with input spatial sizes `inSize` and output sizes `outSize`,
 * resolving auto_pad (SAME_UPPER puts the odd pad at the end, SAME_LOWER at the beginning).
 */
export function forwardGeometry(node: NodeProto, kernel: number[], inSize: number[], outSize: number[]): Geometry {
  const n = kernel.length;
  const strides = attrInts(node, 'strides', Array(n).fill(1));
  const dilations = attrInts(node, 'dilations', Array(n).fill(1));
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  let padBegin: number[];
  let padEnd: number[];
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const total = kernel.map((k, i) => Math.max(0, (outSize[i] - 1) * strides[i] + (k - 1) * dilations[i] + 1 - inSize[i]));
    padBegin = total.map((t) => (autoPad === 'SAME_UPPER' ? Math.floor(t / 2) : t - Math.floor(t / 2)));
    padEnd = total.map((t, i) => t - padBegin[i]);
  } else if (autoPad === 'VALID') {
    padBegin = Array(n).fill(0);
    padEnd = Array(n).fill(0);
  } else {
    const pads = attrInts(node, 'pads', Array(2 * n).fill(0));
    padBegin = pads.slice(0, n);
    padEnd = pads.slice(n);
  }
  return { kernel, strides, dilations, padBegin, padEnd };
}

/**
 * Pads and output_padding making ConvTranspose the exact adjoint of a window op that maps
 * `inSize` → `outSize` with geometry `g` (windows past the end, as with ceil_mode, are cropped).
 */
export function adjointTransposeAttrs(g: Geometry, inSize: number[], outSize: number[]): { pads: number[]; output_padding: number[] } {
  const end: number[] = [];
  const extra: number[] = [];
  inSize.forEach((h, i) => {
    const full = g.strides[i] * (outSize[i] - 1) + g.dilations[i] * (g.kernel[i] - 1) + 1;
    const pe = full - g.padBegin[i] - h;
    end.push(Math.max(0, pe));
    extra.push(Math.max(0, -pe));
  });
  return { pads: [...g.padBegin, ...end], output_padding: extra };
}

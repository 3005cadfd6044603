/**
 * The exact tensor the model will see ('models.preview'): its first channel drawn in grey (min → black,
 * max → white), with the NCHW shape and value range stated.
 */
import { useEffect, useRef } from 'react';

/** Props: the preview as 'models.preview' returns it (values in model units). */
export interface TensorPreviewProps {
  shape: number[];
  tensor: Float32Array;
  min: number;
  max: number;
  inputName: string;
}

/** Grey rendering of channel 0 of an NCHW tensor. */
export function TensorPreview({ shape, tensor, min, max, inputName }: TensorPreviewProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [, , h = 1, w = tensor.length] = shape;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = w;
    canvas.height = h;
    const img = ctx.createImageData(w, h);
    const span = max - min || 1;
    for (let i = 0; i < w * h; i++) {
      const g = Math.round((255 * (tensor[i] - min)) / span);
      img.data.set([g, g, g, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [tensor, min, max, w, h]);
  return (
    <figure className="tensor-preview">
      <canvas ref={ref} role="img" aria-label={`Model input preview, ${w} by ${h} pixels`} />
      <figcaption>
        {inputName}: [{shape.join(' × ')}], values {min.toPrecision(4)} … {max.toPrecision(4)} (channel 0 shown)
      </figcaption>
    </figure>
  );
}

/**
 * One QA chart: the SVG the back end rendered with Vega (the same as the HTML report's), drawn onto a
 * <canvas> through an Image from a blob URL (the CSP allows blob: images; Vega itself cannot run in
 * the renderer, whose CSP forbids `new Function`).
 */
import { useEffect, useRef, useState } from 'react';
import type { QaChartSvg } from '../../../electron/shared/qaCalls';

/** Width and height (CSS px) the SVG declares; 400 × 300 when it declares none. */
function svgSize(svg: string): { width: number; height: number } {
  const tag = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const num = (name: string, fallback: number) => Number(new RegExp(`\\s${name}="([\\d.]+)`).exec(tag)?.[1] ?? fallback);
  return { width: Math.ceil(num('width', 400)), height: Math.ceil(num('height', 300)) };
}

/** Draws `chart.svg` on a canvas (white ground) and marks it `data-drawn` once painted. */
export function QaChartCanvas({ chart }: { chart: QaChartSvg }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { width, height } = svgSize(chart.svg);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.removeAttribute('data-drawn');
    const url = URL.createObjectURL(new Blob([chart.svg], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const ctx = canvas.getContext('2d');
      if (ctx) {
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.setAttribute('data-drawn', 'true');
      }
      URL.revokeObjectURL(url);
    };
    img.onerror = () => {
      setError('The chart could not be drawn.');
      URL.revokeObjectURL(url);
    };
    img.src = url;
    return () => URL.revokeObjectURL(url);
  }, [chart.svg]);
  return (
    <figure className="qa-chart">
      <canvas ref={ref} width={width} height={height} data-chart={chart.id} role="img" aria-label={chart.title} />
      <figcaption className="dim">{error ?? chart.title}</figcaption>
    </figure>
  );
}

/**
 * Helpers for driving the viewer in a page: read the test hook, wait for renders, and measure what a
 * viewport's canvas shows (OHIF's getViewportCanvasStats idea: numbers from pixels, no baselines).
 */
import type { Page } from '@playwright/test';
import type { ViewerSnapshot, ViewportSnapshot } from '../../renderer/viewer/testHook';

/** Luminance statistics of a canvas (Rec. 601 luma, 0–255) and where non-black pixels are. */
export interface CanvasStats {
  width: number;
  height: number;
  mean: number;
  std: number;
  /** FNV-1a hash of every 4th pixel's luma: equal digests mean (almost surely) the same picture. */
  digest: number;
  /** Bounding box (canvas pixels, inclusive) of pixels that are not pure black; null if none. */
  bbox: { x0: number; y0: number; x1: number; y1: number } | null;
}

/** The viewer's test hook (`window.__aegisViewer`). */
export async function viewerState(page: Page): Promise<ViewerSnapshot> {
  return page.evaluate(() => (window as unknown as { __aegisViewer: ViewerSnapshot }).__aegisViewer);
}

/** One viewport's snapshot. */
export async function viewportState(page: Page, index: number): Promise<ViewportSnapshot> {
  return (await viewerState(page)).viewports[index];
}

/** Waits until viewport `index` satisfies `predicate` (polled in the page's test hook). */
export async function waitForViewport(page: Page, index: number, predicate: (v: ViewportSnapshot) => boolean, what: string): Promise<ViewportSnapshot> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await page
      .evaluate((i) => (window as unknown as { __aegisViewer?: ViewerSnapshot }).__aegisViewer?.viewports[i], index)
      .catch(() => undefined);
    if (v && predicate(v)) {
      // Let a pending animation frame paint before anyone reads the canvas.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      return v;
    }
    if (Date.now() > deadline) throw new Error(`Viewport ${index} never reached: ${what}. Last state: ${JSON.stringify(v)}`);
    await page.waitForTimeout(50);
  }
}

/** A part of the canvas: all of it, the central square, or one half. */
export type CanvasRegion = 'all' | 'centre' | 'left' | 'right' | 'top' | 'bottom';

/**
 * Statistics of the canvas of viewport `index`. `region` 'centre' measures only the central square
 * (40 % of the shorter side), which lies inside the image whenever it is fitted or zoomed in; the
 * halves split the canvas through its centre.
 */
export async function canvasStats(page: Page, index: number, region: CanvasRegion = 'all'): Promise<CanvasStats> {
  return page.evaluate(
    ({ id, region }) => {
      const canvas = document.querySelector(`#${id} canvas`) as HTMLCanvasElement | null;
      if (!canvas) throw new Error(`no canvas in #${id}`);
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      let x = 0;
      let y = 0;
      let w = canvas.width;
      let h = canvas.height;
      if (region === 'centre') {
        const side = Math.floor(Math.min(w, h) * 0.4);
        x = Math.floor((w - side) / 2);
        y = Math.floor((h - side) / 2);
        w = h = side;
      } else if (region === 'right') {
        x = Math.floor(w / 2);
        w -= x;
      } else if (region === 'left') {
        w = Math.floor(w / 2);
      } else if (region === 'bottom') {
        y = Math.floor(h / 2);
        h -= y;
      } else if (region === 'top') {
        h = Math.floor(h / 2);
      }
      const data = ctx.getImageData(x, y, w, h).data;
      let sum = 0;
      let sum2 = 0;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -1;
      let y1 = -1;
      let hash = 0x811c9dc5;
      for (let i = 0, p = 0; i < data.length; i += 4, p++) {
        const l = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        sum += l;
        sum2 += l * l;
        if ((p & 3) === 0) hash = Math.imul(hash ^ Math.round(l), 0x01000193) >>> 0;
        if (data[i] || data[i + 1] || data[i + 2]) {
          const px = p % w;
          const py = Math.floor(p / w);
          if (px < x0) x0 = px;
          if (px > x1) x1 = px;
          if (py < y0) y0 = py;
          if (py > y1) y1 = py;
        }
      }
      const n = w * h;
      const mean = sum / n;
      return {
        width: w,
        height: h,
        mean,
        std: Math.sqrt(Math.max(sum2 / n - mean * mean, 0)),
        digest: hash,
        bbox: x1 < 0 ? null : { x0: x0 + x, y0: y0 + y, x1: x1 + x, y1: y1 + y },
      };
    },
    { id: `viewport-${index}`, region },
  );
}

/** Saves a full-page screenshot as test-results/viewer-<step>.png for people to look at. */
export async function shot(page: Page, step: string): Promise<void> {
  await page.screenshot({ path: `test-results/viewer-${step}.png` });
}

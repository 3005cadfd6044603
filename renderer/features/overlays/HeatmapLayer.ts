/**
 * A heatmap drawn as a layer over a cornerstone viewport: after every render of the image it belongs
 * to, the coloured map is painted on the viewport canvas in image pixel coordinates, so it follows
 * zoom, pan, rotation and flips. The map may be on any grid: it is stretched over the whole image.
 */
import * as cornerstone from 'cornerstone-core';
import { heatmapRgba, type HeatmapStyle } from '../../viewer/heatmapPixels';

/** A map on an image: row-major `width × height` unitless values for image `imageId`. */
export interface HeatmapData {
  imageId: string;
  data: Float32Array;
  width: number;
  height: number;
}

/** One layer on one element. */
export class HeatmapLayer {
  private map: HeatmapData | null = null;
  private style: HeatmapStyle = { colormap: 'jet', opacity: 0.5, threshold: 0.2 };
  private visible = true;
  private readonly tile = document.createElement('canvas');

  constructor(readonly element: HTMLElement) {
    element.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, this.draw);
  }

  /** Shows `map` (null clears the layer). */
  setMap(map: HeatmapData | null): void {
    this.map = map;
    this.repaint();
  }

  /** Changes colormap, opacity or threshold. */
  setStyle(style: HeatmapStyle): void {
    this.style = style;
    this.repaint();
  }

  /** Shows or hides the layer without forgetting the map. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.rerender();
  }

  /** Detaches from the element and re-renders it without the layer. */
  destroy(): void {
    this.element.removeEventListener(cornerstone.EVENTS.IMAGE_RENDERED, this.draw);
    this.map = null;
    this.rerender();
  }

  private repaint(): void {
    const map = this.map;
    if (map) {
      if (map.data.length !== map.width * map.height) throw new Error(`heatmap has ${map.data.length} values, not ${map.width}×${map.height}`);
      this.tile.width = map.width;
      this.tile.height = map.height;
      const ctx = this.tile.getContext('2d') as CanvasRenderingContext2D;
      ctx.putImageData(new ImageData(heatmapRgba(map.data, this.style), map.width, map.height), 0, 0);
    }
    this.rerender();
  }

  private rerender(): void {
    try {
      if (cornerstone.getEnabledElement(this.element).image) cornerstone.updateImage(this.element);
    } catch {
      // The element was disabled meanwhile: nothing to redraw.
    }
  }

  private readonly draw = (): void => {
    const enabled = cornerstone.getEnabledElement(this.element);
    const image = enabled.image;
    if (!this.visible || !this.map || !image || image.imageId !== this.map.imageId) return;
    const ctx = enabled.canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.save();
    cornerstone.setToPixelCoordinateSystem(enabled, ctx);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.tile, 0, 0, image.width, image.height);
    ctx.restore();
  };
}

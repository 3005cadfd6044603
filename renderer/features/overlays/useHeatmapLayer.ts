/** A heatmap layer over a viewport element, with its style, its visibility and the key that toggles it. */
import { useEffect, useRef, useState } from 'react';
import { HeatmapLayer, type HeatmapData } from './HeatmapLayer';
import type { HeatmapStyle } from '../../viewer/heatmapPixels';
import { useLayerKey } from './useLayerKey';

/** What a panel controls of its layer (OverlayControls takes these). */
export interface HeatmapLayerControls {
  style: HeatmapStyle;
  setStyle: (style: HeatmapStyle) => void;
  visible: boolean;
  setVisible: (visible: boolean) => void;
}

/**
 * Draws `map` (null: nothing) over `element` (null: no viewport) in a style starting at
 * `initialStyle`; `toggleKey` shows and hides the layer. The layer is rebuilt when the element changes
 * and removed on unmount. Pass a memoised `map`: a new object repaints the layer.
 */
export function useHeatmapLayer(element: HTMLElement | null, map: HeatmapData | null, initialStyle: HeatmapStyle, toggleKey: string): HeatmapLayerControls {
  const [style, setStyle] = useState<HeatmapStyle>(initialStyle);
  const [visible, setVisible] = useState(true);
  const layer = useRef<HeatmapLayer | null>(null);
  useLayerKey(toggleKey, () => setVisible((v) => !v));

  useEffect(() => {
    if (!element) return;
    const l = new HeatmapLayer(element);
    layer.current = l;
    return () => {
      l.destroy();
      layer.current = null;
    };
  }, [element]);
  useEffect(() => layer.current?.setMap(map), [map, element]);
  useEffect(() => layer.current?.setStyle(style), [style, element]);
  useEffect(() => layer.current?.setVisible(visible), [visible, element]);
  return { style, setStyle, visible, setVisible };
}

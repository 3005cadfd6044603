/** Colormap, opacity and threshold of a heatmap layer, and its show/hide toggle (with its key). */
import { COLORMAPS, type ColormapName, type HeatmapStyle } from '../../viewer/heatmapPixels';

/** Props of {@link OverlayControls}. */
export interface OverlayControlsProps {
  name: string;
  style: HeatmapStyle;
  onStyle: (style: HeatmapStyle) => void;
  visible: boolean;
  onVisible: (visible: boolean) => void;
  /** The key that toggles the layer, shown in the toggle's label. */
  toggleKey: string;
}

/** The controls; every one is a labelled form control (keyboard-reachable). */
export function OverlayControls({ name, style, onStyle, visible, onVisible, toggleKey }: OverlayControlsProps) {
  return (
    <fieldset className="overlay-controls">
      <legend>{name} layer</legend>
      <label>
        <input type="checkbox" checked={visible} onChange={(e) => onVisible(e.target.checked)} /> Show {name.toLowerCase()} (key {toggleKey.toUpperCase()})
      </label>
      <label>
        Colormap
        <select value={style.colormap} onChange={(e) => onStyle({ ...style, colormap: e.target.value as ColormapName })}>
          {COLORMAPS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Opacity {Math.round(style.opacity * 100)} %
        <input type="range" min={0} max={1} step={0.05} value={style.opacity} onChange={(e) => onStyle({ ...style, opacity: Number(e.target.value) })} />
      </label>
      <label>
        Threshold {Math.round(style.threshold * 100)} %
        <input type="range" min={0} max={0.95} step={0.05} value={style.threshold} onChange={(e) => onStyle({ ...style, threshold: Number(e.target.value) })} />
      </label>
    </fieldset>
  );
}

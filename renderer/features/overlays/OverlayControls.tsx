/** Colormap, opacity and threshold of a heatmap layer, and its show/hide toggle (with its key). */
import { COLORMAPS, type ColormapName, type HeatmapStyle } from '../../viewer/heatmapPixels';
import { formatNumber } from '../../components/metricFormat';
import { colorBarGradient, thresholdValue } from './colorBar';

/** Props of {@link OverlayControls}. */
export interface OverlayControlsProps {
  name: string;
  style: HeatmapStyle;
  onStyle: (style: HeatmapStyle) => void;
  visible: boolean;
  onVisible: (visible: boolean) => void;
  /** The key that toggles the layer, shown in the toggle's label. */
  toggleKey: string;
  /** The drawn map's value range and unit, for the colour bar (none until a map is computed). */
  range?: { min: number; max: number; unit: string } | null;
}

/** The controls; every one is a labelled form control (keyboard-reachable). */
export function OverlayControls({ name, style, onStyle, visible, onVisible, toggleKey, range }: OverlayControlsProps) {
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
      {range && (
        <figure className="color-bar" aria-label={`${name} colour bar`} data-testid={`${name.toLowerCase()}-color-bar`}>
          <div className="color-bar-ramp" style={{ background: colorBarGradient(style) }} />
          <figcaption>
            <span>{formatNumber(range.min, 3)}</span>
            <span>drawn from {formatNumber(thresholdValue(range, style.threshold), 3)}</span>
            <span>
              {formatNumber(range.max, 3)} {range.unit}
            </span>
          </figcaption>
        </figure>
      )}
    </fieldset>
  );
}

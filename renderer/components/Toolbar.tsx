/** The viewer toolbar: tools, window presets, view commands, layout and sync. Every control is a labelled button or select. */
import type { PrimaryTool } from '../viewer/cornerstoneSetup';
import { withShortcut, type ViewerCommand } from '../viewer/shortcuts';
import type { Layout } from '../viewer/ViewerGrid';
import type { WindowPreset } from '../viewer/windowPresets';

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  tool: PrimaryTool;
  onTool: (tool: PrimaryTool) => void;
  presets: WindowPreset[];
  onPreset: (preset: WindowPreset) => void;
  onCommand: (command: ViewerCommand) => void;
  layout: Layout;
  onLayout: (layout: Layout) => void;
  sync: boolean;
  onSync: (sync: boolean) => void;
  invert: boolean;
  cinePlaying: boolean;
  hasImage: boolean;
}

const TOOLS: { tool: PrimaryTool; label: string; command?: ViewerCommand }[] = [
  { tool: 'Wwwc', label: 'W/L', command: 'toolWwwc' },
  { tool: 'Pan', label: 'Pan', command: 'toolPan' },
  { tool: 'Zoom', label: 'Zoom', command: 'toolZoom' },
  { tool: 'Length', label: 'Length', command: 'toolLength' },
  { tool: 'EllipticalRoi', label: 'Ellipse ROI', command: 'toolRoi' },
  { tool: 'RectangleRoi', label: 'Rect ROI' },
];

const COMMANDS: { command: ViewerCommand; label: string; title: string }[] = [
  { command: 'zoomIn', label: '+', title: withShortcut('Zoom in', 'zoomIn') },
  { command: 'zoomOut', label: '−', title: withShortcut('Zoom out', 'zoomOut') },
  { command: 'fit', label: 'Fit', title: withShortcut('Fit to window', 'fit') },
  { command: 'rotateLeft', label: '⟲', title: withShortcut('Rotate anticlockwise', 'rotateLeft') },
  { command: 'rotateRight', label: '⟳', title: withShortcut('Rotate clockwise', 'rotateRight') },
  { command: 'flipHorizontal', label: '⇋', title: withShortcut('Flip horizontally', 'flipHorizontal') },
  { command: 'flipVertical', label: '⇵', title: withShortcut('Flip vertically', 'flipVertical') },
  { command: 'reset', label: 'Reset', title: withShortcut('Reset view', 'reset') },
];

/** Toolbar across the top of the viewer. */
export function Toolbar(props: ToolbarProps) {
  const { tool, onTool, presets, onPreset, onCommand, layout, onLayout, sync, onSync, invert, cinePlaying, hasImage } = props;
  return (
    <div className="toolbar" role="toolbar" aria-label="Viewer tools">
      <div className="group" role="group" aria-label="Mouse tool">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            aria-pressed={tool === t.tool}
            title={t.command ? withShortcut(t.label, t.command) : t.label}
            onClick={() => onTool(t.tool)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="group">
        <label htmlFor="wl-preset">Window</label>
        <select
          id="wl-preset"
          value=""
          disabled={!hasImage || presets.length === 0}
          onChange={(e) => {
            const p = presets.find((x) => x.id === e.target.value);
            if (p) onPreset(p);
          }}
        >
          <option value="" disabled>
            Preset…
          </option>
          {presets.map((p, i) => (
            <option key={p.id} value={p.id}>
              {i + 1}. {p.label} ({p.voi.windowWidth}/{p.voi.windowCenter})
            </option>
          ))}
        </select>
        <button type="button" aria-pressed={invert} title={withShortcut('Invert', 'invert')} onClick={() => onCommand('invert')} disabled={!hasImage}>
          Invert
        </button>
      </div>
      <div className="group" role="group" aria-label="View">
        {COMMANDS.map((c) => (
          <button key={c.command} type="button" title={c.title} aria-label={c.title} onClick={() => onCommand(c.command)} disabled={!hasImage}>
            {c.label}
          </button>
        ))}
        <button type="button" aria-pressed={cinePlaying} title={withShortcut('Cine', 'cine')} onClick={() => onCommand('cine')} disabled={!hasImage}>
          {cinePlaying ? 'Stop' : 'Cine'}
        </button>
      </div>
      <div className="group">
        <label htmlFor="layout">Layout</label>
        <select id="layout" value={layout} onChange={(e) => onLayout(e.target.value as Layout)}>
          <option value="1x1">1 × 1</option>
          <option value="1x2">1 × 2</option>
          <option value="2x2">2 × 2</option>
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={sync} onChange={(e) => onSync(e.target.checked)} /> Sync
        </label>
      </div>
      <div className="group end">
        <button type="button" title={withShortcut('DICOM tags', 'tags')} onClick={() => onCommand('tags')} disabled={!hasImage}>
          Tags
        </button>
        <button type="button" title={withShortcut('Keyboard shortcuts', 'help')} aria-label="Keyboard shortcuts" onClick={() => onCommand('help')}>
          ?
        </button>
      </div>
    </div>
  );
}

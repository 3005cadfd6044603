/** The keyboard shortcut list ('?'), generated from the same tables the key handlers use. */
import { LAYER_SHORTCUTS, SHORTCUTS, keyLabel } from '../viewer/shortcuts';
import { Dialog } from './Dialog';

/** Props: how to close it. */
export interface HelpOverlayProps {
  onClose: () => void;
}

/** Modal list of shortcuts and mouse bindings. */
export function HelpOverlay({ onClose }: HelpOverlayProps) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="help-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.command}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{keyLabel(k)}</kbd>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
          {Object.values(LAYER_SHORTCUTS).map((s) => (
            <tr key={s.key}>
              <td>
                <kbd>{keyLabel(s.key)}</kbd>
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
          <tr>
            <td>Mouse</td>
            <td>Left: active tool · Middle: pan · Right: zoom · Wheel: scroll slices</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}

/**
 * Keyboard shortcuts of the viewer (after OHIF's defaults), as data so that the key handler and the
 * help overlay ('?') cannot disagree.
 */

/** Everything a shortcut can do. */
export type ViewerCommand =
  | 'nextImage'
  | 'previousImage'
  | 'firstImage'
  | 'lastImage'
  | 'zoomIn'
  | 'zoomOut'
  | 'fit'
  | 'rotateRight'
  | 'rotateLeft'
  | 'flipHorizontal'
  | 'flipVertical'
  | 'invert'
  | 'cine'
  | 'reset'
  | 'preset1'
  | 'preset2'
  | 'preset3'
  | 'preset4'
  | 'preset5'
  | 'toolWwwc'
  | 'toolPan'
  | 'toolZoom'
  | 'toolLength'
  | 'toolRoi'
  | 'nextViewport'
  | 'previousViewport'
  | 'tags'
  | 'help'
  | 'close';

/** One shortcut: the keys (KeyboardEvent.key values) and what they do, in words for the help. */
export interface Shortcut {
  keys: string[];
  command: ViewerCommand;
  description: string;
}

/** Every shortcut, in the order the help overlay lists them. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['ArrowDown', 'PageDown'], command: 'nextImage', description: 'Next image' },
  { keys: ['ArrowUp', 'PageUp'], command: 'previousImage', description: 'Previous image' },
  { keys: ['Home'], command: 'firstImage', description: 'First image' },
  { keys: ['End'], command: 'lastImage', description: 'Last image' },
  { keys: ['+', '='], command: 'zoomIn', description: 'Zoom in' },
  { keys: ['-'], command: 'zoomOut', description: 'Zoom out' },
  { keys: ['f'], command: 'fit', description: 'Fit to window' },
  { keys: ['r'], command: 'rotateRight', description: 'Rotate 90° clockwise' },
  { keys: ['l'], command: 'rotateLeft', description: 'Rotate 90° anticlockwise' },
  { keys: ['h'], command: 'flipHorizontal', description: 'Flip horizontally' },
  { keys: ['v'], command: 'flipVertical', description: 'Flip vertically' },
  { keys: ['i'], command: 'invert', description: 'Invert' },
  { keys: ['c'], command: 'cine', description: 'Play / stop cine' },
  { keys: [' '], command: 'reset', description: 'Reset view' },
  { keys: ['1'], command: 'preset1', description: 'Window preset 1 (file default)' },
  { keys: ['2'], command: 'preset2', description: 'Window preset 2' },
  { keys: ['3'], command: 'preset3', description: 'Window preset 3' },
  { keys: ['4'], command: 'preset4', description: 'Window preset 4' },
  { keys: ['5'], command: 'preset5', description: 'Window preset 5' },
  { keys: ['w'], command: 'toolWwwc', description: 'Tool: window/level drag' },
  { keys: ['p'], command: 'toolPan', description: 'Tool: pan' },
  { keys: ['z'], command: 'toolZoom', description: 'Tool: zoom drag' },
  { keys: ['m'], command: 'toolLength', description: 'Tool: length measurement' },
  { keys: ['o'], command: 'toolRoi', description: 'Tool: elliptical ROI' },
  { keys: ['ArrowRight'], command: 'nextViewport', description: 'Next viewport' },
  { keys: ['ArrowLeft'], command: 'previousViewport', description: 'Previous viewport' },
  { keys: ['t'], command: 'tags', description: 'DICOM tag browser' },
  { keys: ['?'], command: 'help', description: 'This help' },
  { keys: ['Escape'], command: 'close', description: 'Close dialogs / stop cine' },
];

/**
 * A key that shows / hides one of the lab's overlay layers: handled by that layer's panel
 * (useLayerKey), not by commandForKey, and listed in the help overlay after the viewer's shortcuts.
 */
export interface LayerShortcut {
  key: string;
  description: string;
}

/** The lab's layer keys: G the saliency heatmap, X the suspicion heatmap. */
export const LAYER_SHORTCUTS = {
  saliency: { key: 'g', description: 'Show / hide the saliency layer (lab)' },
  suspicion: { key: 'x', description: 'Show / hide the suspicion layer (lab)' },
} as const satisfies Record<string, LayerShortcut>;

const BY_KEY = new Map(SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s.command] as const)));

/**
 * The command for a key press, or null. Presses with Ctrl, Alt or Meta are left to the browser, and
 * letter keys match regardless of Caps Lock.
 */
export function commandForKey(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): ViewerCommand | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return BY_KEY.get(key) ?? null;
}

/** Whether a key press went to a text field, select or editable element, where it means typing, not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t && (['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName) || t.isContentEditable);
}

/** A control's tooltip naming its shortcut, e.g. "Fit to window (f)": the first key bound to `command`. */
export function withShortcut(text: string, command: ViewerCommand): string {
  const shortcut = SHORTCUTS.find((s) => s.command === command);
  if (!shortcut) throw new Error(`no shortcut is bound to the viewer command "${command}"`);
  return `${text} (${keyLabel(shortcut.keys[0]!)})`;
}

/** How a key is written in the help overlay. */
export function keyLabel(key: string): string {
  const names: Record<string, string> = { ' ': 'Space', ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc', PageDown: 'PgDn', PageUp: 'PgUp' };
  return names[key] ?? key;
}

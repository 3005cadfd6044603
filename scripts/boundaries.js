// The allowed imports of ARCHITECTURE.md, as ESLint `no-restricted-imports` blocks, one per room.
// `shared` ← everyone; `renderer` → `shared`; `main` → `services`, `shared`; `services` → `engine`,
// `dicom`, `shared`; `engine` → `dicom`, `shared`; `dicom` → `shared`; `server` → `services`, `shared`;
// `cli` → `server` (for `aegis serve`), `services`, `engine`, `dicom`, `shared`; `preload` → `shared`.

const ROOMS = ['shared', 'main', 'preload', 'services', 'engine', 'dicom', 'server', 'cli'];

/** Rooms each room may import (besides itself), and whether Node/Electron built-ins are allowed. */
export const ALLOWED = {
  shared: { rooms: [], node: false, electron: false },
  renderer: { rooms: ['shared'], node: false, electron: false },
  main: { rooms: ['services', 'shared'], node: true, electron: true },
  preload: { rooms: ['shared'], node: false, electron: true },
  services: { rooms: ['engine', 'dicom', 'shared'], node: true, electron: false },
  engine: { rooms: ['dicom', 'shared'], node: true, electron: false },
  dicom: { rooms: ['shared'], node: true, electron: false },
  server: { rooms: ['services', 'shared'], node: true, electron: false },
  cli: { rooms: ['server', 'services', 'engine', 'dicom', 'shared'], node: true, electron: false },
};

const NODE_BUILTINS = '^(node:|(fs|path|os|child_process|worker_threads|crypto|http|https|net|url|stream|zlib|util|events|better-sqlite3|onnxruntime-node)(/|$))';

function restrictionsFor(room) {
  const rule = ALLOWED[room];
  const forbiddenRooms = ROOMS.filter((r) => r !== room && !rule.rooms.includes(r));
  // Relative imports climbing out of the room into a sibling (`../engine/x`, `../../electron/dicom`).
  const patterns = forbiddenRooms.map((r) => ({
    regex: `^(\\.\\./)+(electron/)?${r}(/|$)`,
    message: `ARCHITECTURE.md: "${room}" may not import "${r}".`,
  }));
  if (room !== 'renderer') {
    patterns.push({ regex: '^(\\.\\./)+renderer(/|$)', message: `ARCHITECTURE.md: "${room}" may not import the renderer.` });
  }
  if (!rule.node) patterns.push({ regex: NODE_BUILTINS, message: `ARCHITECTURE.md: "${room}" runs without Node; no Node built-ins.` });
  if (!rule.electron) patterns.push({ regex: '^electron(/|$)', message: `ARCHITECTURE.md: "${room}" never imports electron.` });
  return patterns;
}

/** ESLint flat-config blocks enforcing the room boundaries. */
export function boundaryRules() {
  const blocks = Object.keys(ALLOWED).map((room) => ({
    files: room === 'renderer' ? ['renderer/**/*.{ts,tsx}'] : [`electron/${room}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: restrictionsFor(room) }] },
  }));
  return blocks;
}

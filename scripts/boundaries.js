// The allowed imports of docs/ARCHITECTURE.md ("Rooms and their import rules"), as one ESLint rule,
// `aegis/boundaries`. Every import is resolved against the importing file before it is judged, so
// `../main` from electron/cli/commands is the CLI's own main.ts, not the Electron main room.
// Static imports, re-exports, `import()` and literal `require()` are all checked; an `import()` whose
// path is computed cannot be checked and is refused.
//
// Rooms: `shared` ← everyone; `base` (Node basics) ← every Node room; `renderer` → `shared`;
// `main` → `services`; `services` → `engine`, `dicom`; `engine` → `dicom`; `server` → `services`;
// `cli` → `server`, `services`, `engine`, `dicom`; `native-models` (builds the demo models) →
// `engine`, `dicom`, `base`, and nothing in the product imports it. Inside the renderer a feature
// imports only its own folder, `api`, `components`, `viewer`; `modes` compose features; the
// viewer imports no feature.
import { posix, relative, sep } from 'node:path';

/** Rooms each room may import (besides itself), and whether Node/Electron built-ins are allowed. */
export const ALLOWED = {
  shared: { rooms: [], node: false, electron: false },
  base: { rooms: ['shared'], node: true, electron: false },
  renderer: { rooms: ['shared'], node: false, electron: false },
  main: { rooms: ['services', 'base', 'shared'], node: true, electron: true },
  preload: { rooms: ['shared'], node: false, electron: true },
  services: { rooms: ['engine', 'dicom', 'base', 'shared'], node: true, electron: false },
  engine: { rooms: ['dicom', 'base', 'shared'], node: true, electron: false },
  dicom: { rooms: ['base', 'shared'], node: true, electron: false },
  server: { rooms: ['services', 'base', 'shared'], node: true, electron: false },
  cli: { rooms: ['server', 'services', 'engine', 'dicom', 'base', 'shared'], node: true, electron: false },
  'native-models': { rooms: ['engine', 'dicom', 'base', 'shared'], node: true, electron: false },
};

/** Renderer folders each renderer folder may import (besides itself); `feature` is any `features/<name>`. */
export const RENDERER_ALLOWED = {
  api: [],
  viewer: ['api'],
  components: ['api', 'viewer'],
  feature: ['api', 'components', 'viewer'],
  modes: ['api', 'components', 'viewer', 'feature'],
  root: ['api', 'components', 'viewer', 'feature', 'modes', 'types'],
  types: [],
};

const NODE_BUILTINS = /^(node:|(fs|path|os|child_process|worker_threads|crypto|http|https|net|url|stream|zlib|util|events|better-sqlite3|onnxruntime-node)(\/|$))/;

/** The room of a repository-relative path (`electron/engine/x.ts` → engine), or null outside the product's rooms. */
export function roomOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'renderer') return 'renderer';
  if (parts[0] === 'native-models') return 'native-models';
  if (parts[0] === 'electron' && parts.length > 2 && parts[1] in ALLOWED) return parts[1];
  return null;
}

/** The renderer folder of a repository-relative renderer path: `{ kind, name }` (`name` = the feature). */
export function rendererPartOf(path) {
  const parts = path.split('/');
  if (parts.length === 2) return { kind: 'root', name: 'root' };
  if (parts[1] === 'features') return { kind: 'feature', name: parts.length > 3 ? parts[2] : '' };
  if (parts[1] in RENDERER_ALLOWED) return { kind: parts[1], name: parts[1] };
  return { kind: 'root', name: 'root' };
}

/** Why `from` (repository-relative file) may not import `source`, or null when it may. */
export function boundaryViolation(from, source) {
  const room = roomOf(from);
  if (!room) return null;
  const rule = ALLOWED[room];
  if (!source.startsWith('.')) {
    if (!rule.node && NODE_BUILTINS.test(source)) return `ARCHITECTURE.md: "${room}" runs without Node; no Node built-ins.`;
    if (!rule.electron && /^electron(\/|$)/.test(source)) return `ARCHITECTURE.md: "${room}" never imports electron.`;
    return null;
  }
  const target = posix.join(posix.dirname(from), source);
  const targetRoom = roomOf(target);
  if (!targetRoom || targetRoom === room) return room === 'renderer' && targetRoom === 'renderer' ? rendererViolation(from, target) : null;
  if (targetRoom === 'native-models') return `ARCHITECTURE.md: "${room}" may not import native-models (it builds the demo models; the product never imports it).`;
  if (targetRoom === 'renderer') return `ARCHITECTURE.md: "${room}" may not import the renderer.`;
  if (!rule.rooms.includes(targetRoom)) return `ARCHITECTURE.md: "${room}" may not import "${targetRoom}".`;
  return null;
}

function rendererViolation(from, target) {
  const a = rendererPartOf(from);
  const b = rendererPartOf(target);
  if (a.kind === b.kind && a.name === b.name) return null;
  if (a.kind === 'feature' && b.kind === 'feature') {
    return `ARCHITECTURE.md: renderer feature "${a.name}" may not import feature "${b.name}" (share through api/, components/ or viewer/; compose in modes/).`;
  }
  if (!RENDERER_ALLOWED[a.kind].includes(b.kind)) {
    const what = b.kind === 'feature' ? `features/${b.name}` : b.kind === 'root' ? 'the shell' : `${b.kind}/`;
    return `ARCHITECTURE.md: renderer ${a.kind === 'feature' ? `feature "${a.name}"` : `${a.kind}/`} may not import ${what}.`;
  }
  return null;
}

/** The literal path of an `import()`/`require()` argument, or null when it is computed. */
function literalPath(node) {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

/** The ESLint rule: every import, re-export, `import()` and `require()` of a file in a room is judged. */
export const boundariesRule = {
  meta: { type: 'problem', docs: { description: 'The import rules of docs/ARCHITECTURE.md' }, schema: [] },
  create(context) {
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    if (!roomOf(file)) return {};
    const judge = (node, source) => {
      const message = boundaryViolation(file, source);
      if (message) context.report({ node, message });
    };
    const dynamic = (node, arg) => {
      const path = literalPath(arg);
      if (path === null) context.report({ node, message: 'ARCHITECTURE.md: an import() with a computed path cannot be checked against the room rules; import a literal path.' });
      else judge(node, path);
    };
    return {
      ImportDeclaration: (node) => judge(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && judge(node, node.source.value),
      ExportAllDeclaration: (node) => judge(node, node.source.value),
      ImportExpression: (node) => dynamic(node, node.source),
      CallExpression: (node) => {
        // require() of a computed name (the table of WebAssembly codec packages) stays allowed.
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || node.arguments.length !== 1) return;
        const path = literalPath(node.arguments[0]);
        if (path !== null) judge(node, path);
      },
    };
  },
};

/** ESLint flat-config block enforcing the room boundaries on product and native-models sources. */
export function boundaryRules() {
  return [
    {
      files: ['electron/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}', 'native-models/**/*.ts'],
      plugins: { aegis: { rules: { boundaries: boundariesRule } } },
      rules: { 'aegis/boundaries': 'error' },
    },
  ];
}

/**
 * Proves the docs/ARCHITECTURE.md import-boundary rule (`aegis/boundaries`, scripts/boundaries.js)
 * fires: each forbidden import is linted as if it lived in the room it would break, and each allowed
 * one passes. Static imports, re-exports, `import()` and `require()` are covered, as are the
 * native-models room, the renderer's feature folders and the Node base room.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === 'aegis/boundaries').map((m) => m.message);
}

const forbidden: Array<[string, string, RegExp]> = [
  ['renderer/features/review/x.ts', "import '../../../electron/engine/onnx/model';", /"renderer" may not import "engine"/],
  ['renderer/features/review/x.ts', "import 'node:fs';", /no Node built-ins/],
  ['renderer/features/review/x.ts', "import 'electron';", /never imports electron/],
  ['electron/shared/x.ts', "import 'node:path';", /no Node built-ins/],
  ['electron/shared/x.ts', "import '../services/backend';", /"shared" may not import "services"/],
  ['electron/services/x.ts', "import 'electron';", /"services" never imports electron/],
  ['electron/engine/attacks/x.ts', "import '../../services/backend';", /"engine" may not import "services"/],
  ['electron/dicom/x.ts', "import '../engine/io/npy';", /"dicom" may not import "engine"/],
  ['electron/main/x.ts', "import '../engine/onnx/model';", /"main" may not import "engine"/],
  ['electron/server/x.ts', "import '../dicom/index';", /"server" may not import "dicom"/],
  ['electron/preload/x.ts', "import '../services/backend';", /"preload" may not import "services"/],
  ['electron/engine/x.ts', "import '../../renderer/App';", /may not import the renderer/],
  // Dynamic imports are judged like static ones; a computed path cannot be judged and is refused.
  ['renderer/features/review/x.ts', "await import('../../../electron/engine/onnx/model');", /"renderer" may not import "engine"/],
  ['electron/main/x.ts', "const m = await import(`../engine/onnx/model`);", /"main" may not import "engine"/],
  ['electron/engine/jobs/x.ts', "const p = './y'; await import(p);", /computed path cannot be checked/],
  ['electron/main/x.ts', "export * from '../engine/onnx/model';", /"main" may not import "engine"/],
  ['electron/main/x.ts', "export { loadModel } from '../engine/onnx/model';", /"main" may not import "engine"/],
  ['electron/main/x.ts', "require('../engine/onnx/model');", /"main" may not import "engine"/],
  // native-models builds the demo models; nothing in the product imports it, statically or not.
  ['electron/engine/jobs/x.ts', "import '../../../native-models/build';", /"engine" may not import native-models/],
  ['electron/engine/jobs/x.ts', "await import('../../../native-models/phantom/chestPhantom');", /"engine" may not import native-models/],
  ['electron/cli/commands/x.ts', "import '../../../native-models/recipes';", /"cli" may not import native-models/],
  ['renderer/features/qa/x.ts', "import '../../../native-models/recipes';", /"renderer" may not import native-models/],
  ['native-models/x.ts', "import '../electron/services/backend';", /"native-models" may not import "services"/],
  // A command's `../main` is the CLI's own main.ts; the Electron main room is still refused.
  ['electron/cli/commands/x.ts', "import '../../main/main';", /"cli" may not import "main"/],
  // Renderer: no feature imports another; the viewer, components and api import no feature.
  ['renderer/features/attack/x.ts', "import '../review/ModelPanel';", /feature "attack" may not import feature "review"/],
  ['renderer/features/compare/x.ts', "await import('../overlays/SaliencyPanel');", /feature "compare" may not import feature "overlays"/],
  ['renderer/viewer/x.ts', "import '../features/study/groupSeries';", /viewer\/ may not import features\/study/],
  ['renderer/components/x.ts', "import '../features/review/ModelPanel';", /components\/ may not import features\/review/],
  ['renderer/api/x.ts', "import '../components/JobProgressBar';", /api\/ may not import components\//],
  ['renderer/features/qa/x.ts', "import '../../modes/registry';", /feature "qa" may not import modes\//],
  // The Node base room imports only shared; the renderer and shared cannot import it.
  ['electron/base/x.ts', "import '../engine/io/npy';", /"base" may not import "engine"/],
  ['renderer/features/review/x.ts', "import '../../../electron/base/atomicWrite';", /"renderer" may not import "base"/],
  ['electron/shared/x.ts', "import '../base/atomicWrite';", /"shared" may not import "base"/],
];

const allowed: Array<[string, string]> = [
  ['renderer/features/review/x.ts', "import '../../../electron/shared/contract';"],
  ['renderer/features/review/x.ts', "import './main';"],
  ['electron/services/x.ts', "import '../engine/jobs/protocol'; import '../dicom/index'; import 'node:fs';"],
  ['electron/main/x.ts', "import 'electron'; import '../services/backend';"],
  ['electron/engine/attacks/x.ts', "import '../../dicom/index'; import '../../shared/contract';"],
  ['electron/cli/commands/x.ts', "import '../../engine/io/npy'; import '../../services/backend';"],
  ['electron/cli/commands/x.ts', "import '../main'; import { run } from '../main';"],
  ['electron/engine/jobs/x.ts', "await import('../phantoms/generateDemoStudy'); await import('../../dicom/index');"],
  ['native-models/x.ts', "import '../electron/engine/phantoms/chestPhantom'; import '../electron/base/atomicWrite';"],
  ['renderer/modes/review/x.ts', "import '../../features/study/useStudies'; import '../../features/attack/AttackPanel';"],
  ['renderer/features/attack/x.ts', "import './AttackHistory'; import '../../api/runJob'; import '../../components/JobProgressBar'; import '../../viewer/shortcuts';"],
  ['renderer/x.tsx', "import './modes/registry'; import './api/createApi';"],
  ['electron/dicom/x.ts', "import '../base/atomicWrite';"],
  ['electron/dicom/codecs/x.ts', "const names = ['a']; require(names[0]);"],
];

describe('import boundaries (docs/ARCHITECTURE.md "Rooms and their import rules")', () => {
  it.each(forbidden)('%s: %s is refused', async (file, source, message) => {
    const errors = await boundaryErrors(file, source);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each(allowed)('%s: %s is allowed', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});

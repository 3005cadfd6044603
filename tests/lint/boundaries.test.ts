/**
 * Proves the ARCHITECTURE.md import-boundary rule fires: each forbidden import is linted as if it
 * lived in the room it would break, and each allowed one passes.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: Array<[string, string, RegExp]> = [
  ['renderer/features/x.ts', "import '../../electron/engine/onnx/model';", /"renderer" may not import "engine"/],
  ['renderer/features/x.ts', "import 'node:fs';", /no Node built-ins/],
  ['renderer/features/x.ts', "import 'electron';", /never imports electron/],
  ['electron/shared/x.ts', "import 'node:path';", /no Node built-ins/],
  ['electron/shared/x.ts', "import '../services/backend';", /"shared" may not import "services"/],
  ['electron/services/x.ts', "import 'electron';", /"services" never imports electron/],
  ['electron/engine/attacks/x.ts', "import '../../services/backend';", /"engine" may not import "services"/],
  ['electron/dicom/x.ts', "import '../engine/io/npy';", /"dicom" may not import "engine"/],
  ['electron/main/x.ts', "import '../engine/onnx/model';", /"main" may not import "engine"/],
  ['electron/server/x.ts', "import '../dicom/index';", /"server" may not import "dicom"/],
  ['electron/preload/x.ts', "import '../services/backend';", /"preload" may not import "services"/],
  ['electron/engine/x.ts', "import '../renderer/App';", /may not import the renderer/],
];

const allowed: Array<[string, string]> = [
  ['renderer/features/x.ts', "import '../../electron/shared/contract';"],
  ['renderer/features/x.ts', "import './main';"],
  ['electron/services/x.ts', "import '../engine/jobs/protocol'; import '../dicom/index'; import 'node:fs';"],
  ['electron/main/x.ts', "import 'electron'; import '../services/backend';"],
  ['electron/engine/attacks/x.ts', "import '../../dicom/index'; import '../../shared/contract';"],
  ['electron/cli/commands/x.ts', "import '../../engine/io/npy'; import '../../services/backend';"],
];

describe('import boundaries (ARCHITECTURE.md "Allowed imports")', () => {
  it.each(forbidden)('%s: %s is refused', async (file, source, message) => {
    const errors = await boundaryErrors(file, source);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each(allowed)('%s: %s is allowed', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});

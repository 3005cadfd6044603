/**
 * Where the models shipped with Aegis live: `native-models/` at the repository root when running
 * from source (server, CLI, tests, `npm start`), `process.resourcesPath/native-models` in the packaged
 * desktop app (electron-builder extraResources). `AEGIS_BUNDLED_MODELS` overrides both.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the bundled-models folder (it may not exist: then there are no bundled models). */
export function bundledModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AEGIS_BUNDLED_MODELS) return resolve(env.AEGIS_BUNDLED_MODELS);
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return resolve(dirname(here), '..', '..', '..', 'native-models'); // electron/services/lab
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'native-models'))) return join(resources, 'native-models');
  return resolve(dirname(here), '..', '..', 'native-models'); // dist/main
}

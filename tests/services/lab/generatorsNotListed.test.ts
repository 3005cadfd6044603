import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import { call, restoreBundledModelsEnv, writeTinyModel } from './labFixtures';

describe('bundled lesion generators', () => {
  let root: string;
  let backend: Backend;
  const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aegis-gen-list-'));
    process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
    const model = writeTinyModel(join(root, 'bundled', 'tiny'));
    mkdirSync(join(root, 'bundled', 'a-generator'));
    copyFileSync(model, join(root, 'bundled', 'a-generator', 'model.onnx'));
    writeFileSync(join(root, 'bundled', 'a-generator', 'metadata.json'), JSON.stringify({ kind: 'generator', generator: { patchSize: 16, blend: { inner: 2, outer: 4 } } }));
    backend = createBackend({ home: join(root, 'home') });
  });
  afterAll(async () => {
    await backend.close();
    restoreBundledModelsEnv(savedEnv);
    rmSync(root, { recursive: true, force: true });
  });

  it('are not offered as models to review: a folder whose metadata.json says "kind": "generator" is left out of models.list', async () => {
    const { models } = await call(backend, 'models.list', {});
    expect(models.map((m) => m.id)).toEqual(['bundled:tiny']);
  });
});

/**
 * Issue #13: model import refuses, in plain words and without hanging the engine, a model whose
 * external data is a named pipe (opening it would wait forever, and every later job behind it) or a
 * folder (a raw EISDIR before), and a model onnxruntime cannot load (test-loaded at import, in the
 * engine process under the job timeout, instead of failing at the first prediction). A good model
 * imports afterwards: the engine is still serving.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, GraphBuilder } from '../../../electron/engine/onnx/index';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import { call, restoreBundledModelsEnv, writeExternalDataModel, writeTinyModel } from './labFixtures';

describe('models.import refuses what cannot be used, in plain words', () => {
  let root: string;
  let backend: Backend;
  const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aegis-import-'));
    process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
    backend = createBackend({ home: join(root, 'home') });
  });
  afterAll(async () => {
    await backend.close();
    restoreBundledModelsEnv(savedEnv);
    rmSync(root, { recursive: true, force: true });
  });

  it('a named pipe as external data: refused at once, naming it, and the engine keeps serving', async () => {
    const path = writeExternalDataModel(join(root, 'fifo'));
    rmSync(join(root, 'fifo', 'weights', 'fc.bin'));
    execFileSync('mkfifo', [join(root, 'fifo', 'weights', 'fc.bin')]);
    await expect(call(backend, 'models.import', { path })).rejects.toThrow(/external data "weights\/fc\.bin" is a named pipe, not a file/);
    const good = await call(backend, 'models.import', { path: writeTinyModel(join(root, 'good'), false) });
    expect(good.model.source).toBe('imported');
  });

  it('a folder as external data: refused naming it, not with a raw EISDIR', async () => {
    const path = writeExternalDataModel(join(root, 'folder'));
    rmSync(join(root, 'folder', 'weights', 'fc.bin'));
    mkdirSync(join(root, 'folder', 'weights', 'fc.bin'));
    const err = await call(backend, 'models.import', { path }).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/external data "weights\/fc\.bin" is a folder, not a file/);
    expect(err?.message).not.toMatch(/EISDIR/);
  });

  it('a model onnxruntime cannot load is refused at import, not at its first prediction', async () => {
    const g = new GraphBuilder();
    const x = g.input('image', [1, 1, 8, 8]);
    g.op('NoSuchOperator', [x], {}, 'out');
    g.output('out', [1, 1, 8, 8]);
    const dir = join(root, 'unloadable');
    mkdirSync(dir);
    writeFileSync(join(dir, 'model.onnx'), encodeModel(g.build()));
    await expect(call(backend, 'models.import', { path: join(dir, 'model.onnx') })).rejects.toThrow(/cannot be used: .*onnxruntime cannot load this model, so Aegis cannot run it/);
    const { models } = await call(backend, 'models.list', {});
    expect(models.some((m) => m.path.includes('unloadable'))).toBe(false);
  });
});

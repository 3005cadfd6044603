import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import { call, restoreBundledModelsEnv, writeTinyModel } from './labFixtures';

describe('the demo workspace', () => {
  let root: string;
  let backend: Backend;
  const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aegis-demo-'));
    process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
    writeTinyModel(join(root, 'bundled', 'tiny'));
    backend = createBackend({ home: join(root, 'home') });
  });
  afterAll(async () => {
    await backend.close();
    restoreBundledModelsEnv(savedEnv);
    rmSync(root, { recursive: true, force: true });
  });

  it('is offered on first start, written once into the workspace, opened as two series of ten, with the bundled models', async () => {
    expect(await call(backend, 'app.demoStatus', {})).toEqual({ firstStart: true, written: false, path: join(root, 'home', 'demo') });
    const first = await call(backend, 'app.demo', {});
    expect(first.generated).toBe(true);
    expect(first.studyPaths).toEqual([join(root, 'home', 'demo')]);
    expect(first.series.map((s) => [s.seriesNumber, s.imageIds.length, s.derived])).toEqual([[1, 10, false], [2, 10, false]]);
    expect(first.series[0]!.patientId).toBe('PHANTOM-0001');
    expect(first.models.map((m) => m.id)).toEqual(['bundled:tiny']);
    expect(await call(backend, 'app.demoStatus', {})).toMatchObject({ firstStart: false, written: true });
    const again = await call(backend, 'app.demo', {});
    expect(again.generated).toBe(false);
    expect(again.series.map((s) => s.imageIds)).toEqual(first.series.map((s) => s.imageIds));
  }, 60_000);
});

import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame } from '../../electron/dicom/decodeFrame';
import { loadInstance } from '../../electron/dicom/parseInstance';
import { writeDerived } from '../../electron/dicom/writeDerived';
import { createBackend } from '../../electron/services/backend';
import type { Backend } from '../../electron/services/backendTypes';
import { writeSeries } from './studyFiles';

describe('derived series (issue 19 item 7)', () => {
  const root = mkdtempSync(join(tmpdir(), 'aegis-derived-series-'));
  let backend: Backend | null = null;
  afterAll(async () => {
    await backend?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('are named by method and budget, marked adversarial, and know their source series across a restart', async () => {
    const slices = writeSeries({ dir: join(root, 'ct'), patientName: 'P', studyUid: '1.2.9', seriesUid: '1.2.9.1', seriesNumber: 1, slices: 2, rows: 8, columns: 8 });
    const out = join(root, 'derived');
    mkdirSync(out);
    const stored = (await decodeFrame(await loadInstance(slices[0]!.path), 0)).stored;
    for (const [method, budget] of [['PGD', 0.02], ['FGSM', 0.01]] as const) {
      await writeDerived({ source: slices[0]!.path, storedPixels: stored, method, budget, outDir: out });
    }
    backend = createBackend({ home: join(root, 'home') });
    await backend.handlers['studies.open']({ paths: [join(root, 'ct')] });
    await backend.handlers['studies.open']({ paths: [out] });
    const check = async (b: Backend) => {
      const { series } = await b.handlers['studies.list']({});
      const derived = series.filter((s) => s.derived);
      expect(derived.map((s) => s.seriesDescription.replace(/ of .*/, '')).sort()).toEqual(['FGSM eps 0.01', 'PGD eps 0.02']);
      for (const d of derived) expect(d.sourceSeriesInstanceUid).toBe('1.2.9.1');
    };
    await check(backend);
    await backend.close();
    backend = createBackend({ home: join(root, 'home') });
    await check(backend);
  });
});

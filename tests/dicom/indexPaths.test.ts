// Indexing a folder: grouping, slice order by position, plain reasons for every file that did not load,
// and a responsive event loop throughout.
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrame, indexPaths, loadInstance, parseImageId, toModality } from '../../electron/dicom';
import { makeStudyFolder } from '../fixtures/dicom/studyFolder';
import { writePart10 } from '../fixtures/dicom/writePart10';

describe('indexPaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-index-'));
  const study = makeStudyFolder(dir, {
    series: [
      { modality: 'CT', slices: 40, rows: 32, cols: 32 },
      { modality: 'MR', slices: 12, rows: 24, cols: 20, implicit: true },
      { modality: 'OT', slices: 3, rows: 16, cols: 16 },
    ],
    junkFiles: 4,
  });
  // A truncated slice, a DICOM object without pixels, and a duplicate SOP Instance UID in a subfolder.
  const victim = readFileSync(study.files[0]!);
  writeFileSync(join(dir, 'truncated.dcm'), victim.subarray(0, victim.length - 100));
  writeFileSync(join(dir, 'report.dcm'), writePart10([[0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.88.11'], [0x00080018, 'UI', '1.2.3.99'], [0x00100010, 'PN', 'X']], { transferSyntax: '1.2.840.10008.1.2.1' }));
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'nested', 'deeper', 'copy.dcm'), readFileSync(study.files[5]!));

  it('groups series, orders slices along the normal, and explains each failure', async () => {
    let lastProgress = [0, 0];
    const result = await indexPaths([dir], { onProgress: (done, total) => (lastProgress = [done, total]) });
    expect(result.scanned).toBe(study.files.length + 4 + 3);
    expect(lastProgress).toEqual([result.scanned, result.scanned]);
    expect(result.series.map((s) => [s.modality, s.imageIds.length])).toEqual([
      ['CT', 40],
      ['MR', 12],
      ['OT', 3],
    ]);
    const ct = result.series[0]!;
    expect(ct.patientName).toBe('DOE JANE');
    expect(ct.studyInstanceUid).toBe(study.studyInstanceUid);
    expect(ct.seriesInstanceUid).toBe(study.series[0]!.seriesInstanceUid);
    // Instance numbers count down while z goes up: the order must follow z.
    const zs: number[] = [];
    for (const id of ct.imageIds) {
      const ref = result.instances.get(parseImageId(id)!.key)!;
      const inst = await loadInstance(ref.path, { headerOnly: true });
      zs.push(inst.dataSet.floatString('x00200032', 2)!);
    }
    expect(zs).toEqual([...zs].sort((a, b) => a - b));
    expect(zs[0]).toBe(0);
    const reasons = Object.fromEntries(result.failures.map((f) => [f.path.replace(dir + '/', ''), f.reason]));
    expect(reasons['junk0.txt']).toMatch(/^not a DICOM file/);
    expect(reasons['junk1.dcm']).toMatch(/^not a DICOM file/);
    expect(reasons['report.dcm']).toBe('DICOM but not an image (SOP class 1.2.840.10008.5.1.4.1.1.88.11)');
    expect(reasons['truncated.dcm']).toBe('pixel data is 1,948 bytes, expected 2,048 — file truncated');
    expect(Object.entries(reasons).filter(([, r]) => r.startsWith('same SOP Instance UID'))).toHaveLength(1);
    expect(result.failures).toHaveLength(7);
  });

  it('serves frames by image id with modality values in HU', async () => {
    const result = await indexPaths([dir]);
    const id = result.series[0]!.imageIds[20]!;
    const ref = result.instances.get(parseImageId(id)!.key)!;
    const frame = await decodeFrame(await loadInstance(ref.path), parseImageId(id)!.frame, id);
    expect(frame.meta.imageId).toBe(id);
    const hu = toModality(frame.stored, frame.meta);
    expect(Math.min(...hu)).toBe(-1000);
    expect(Math.max(...hu)).toBe(200);
  });

  it('keeps the event loop responsive while indexing', async () => {
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 5);
    await indexPaths([dir, dir, dir]);
    clearInterval(timer);
    expect(worst).toBeLessThan(150);
  });

  it('stops when aborted', async () => {
    const ctl = new AbortController();
    const run = indexPaths([dir], { onProgress: (done) => done === 5 && ctl.abort(), signal: ctl.signal });
    await expect(run).rejects.toThrow();
  });
});

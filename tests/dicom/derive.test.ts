// Derived (attacked) images: valid DICOM per dciodvfy, identical pixels on re-read, never overwriting,
// originals untouched. De-identified bundles: none of the PS3.15 basic-profile attributes remain.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, deidentifyBundle, loadInstance, writeDerived, type StoredPixels } from '../../electron/dicom';
import { ensureFixtures, type Fixture } from '../fixtures/dicom/makeFixtures';
import { writePart10 } from '../fixtures/dicom/writePart10';
import { baseElements } from '../fixtures/dicom/baseFile';
import { baseImage } from '../fixtures/dicom/makeFixtures';
import { writeNew } from '../../electron/dicom/safeWrite';
import { dciodvfyErrors } from './dciodvfy';

let fixtures: Fixture[] = [];
const out = mkdtempSync(join(tmpdir(), 'aegis-derive-'));
const pathOf = (name: string) => fixtures.find((f) => f.name === name)!.path;
const sha = (p: string) => createHash('sha1').update(readFileSync(p)).digest('hex');

beforeAll(async () => {
  fixtures = await ensureFixtures();
});

/** A visible perturbation inside the valid stored range. */
function perturb(stored: StoredPixels, lo: number, hi: number): StoredPixels {
  const copy = stored.slice();
  for (let i = 0; i < copy.length; i++) copy[i] = Math.min(hi, Math.max(lo, copy[i]! + ((i % 7) - 3) * 5));
  return copy;
}

describe('writeDerived', () => {
  for (const name of ['ct_s16.explicit_le', 'ct_s16.j2k', 'mr_u12.jpegls', 'us_rgb_p1.explicit_le', 'ot_odd.rle', 'xa_multiframe.rle']) {
    it(`writes a valid derived image from ${name} that re-reads with identical pixels`, async () => {
      const before = sha(pathOf(name));
      const src = await loadInstance(pathOf(name));
      const frame = name.startsWith('xa') ? 2 : 0;
      const d = await decodeFrame(src, frame);
      const attacked = perturb(d.stored, d.meta.minStored, d.meta.maxStored);
      const r = await writeDerived({ source: pathOf(name), frame, storedPixels: attacked, method: 'PGD', budget: 0.02, outDir: out });
      expect(dciodvfyErrors(r.path)).toEqual([]);
      const back = await loadInstance(r.path);
      expect(back.transferSyntax.uid).toBe('1.2.840.10008.1.2.1');
      expect(Array.from((await decodeFrame(back, 0)).stored)).toEqual(Array.from(attacked));
      const ds = back.dataSet;
      expect(ds.string('x00080008')).toMatch(/^DERIVED\\SECONDARY/);
      // Named by method and budget first, then its source (issue 19 item 7); machine-readably adversarial (item 8).
      expect(ds.string('x0008103e')).toBe(`PGD eps 0.02 of ${src.dataSet.string('x0008103e')?.trim() || `series ${src.dataSet.string('x00200011')?.trim() ?? '?'}`}`.slice(0, 64));
      const codes = ds.elements.x00089215!.items!.map((it) => `${it.dataSet!.string('x00080102')}:${it.dataSet!.string('x00080100')}`);
      expect(codes).toEqual(['DCM:113042', '99AEGIS:ADVERSARIAL']);
      expect(ds.string('x00204000')).toMatch(/^Adversarially perturbed by Aegis \(PGD, budget 0.02\); not for clinical use/);
      expect(ds.string('x00082111')).toContain('PGD budget 0.02');
      expect(ds.string('x0020000d')).toBe(src.dataSet.string('x0020000d'));
      expect(ds.string('x0020000e')).not.toBe(src.dataSet.string('x0020000e'));
      expect(ds.string('x00080018')).toMatch(/^2\.25\.\d+$/);
      expect(ds.string('x00100010')).toBe('DOE^JANE');
      const sourceRef = ds.elements.x00082112!.items![0]!.dataSet!;
      expect(sourceRef.string('x00081155')).toBe(src.dataSet.string('x00080018'));
      expect(ds.elements.x00089215!.items![0]!.dataSet!.string('x00080100')).toBe('113042');
      expect(ds.string('x00080023')).toMatch(/^\d{8}$/);
      expect(sha(pathOf(name))).toBe(before);
    });
  }

  it('derives from files dcmjs cannot open itself (no meta header, no transfer syntax, deflated)', async () => {
    const ct = baseImage('ct_s16');
    const raw = join(out, 'raw.dcm');
    const nots = join(out, 'nots.dcm');
    writeFileSync(raw, writePart10(baseElements(ct), { transferSyntax: '1.2.840.10008.1.2', part10: false, implicit: true }));
    writeFileSync(nots, writePart10(baseElements(ct), { transferSyntax: '1.2.840.10008.1.2.1', omitTransferSyntax: true }));
    for (const src of [raw, nots, pathOf('ct_s16.deflated'), pathOf('ct_s16.big_endian')]) {
      const d = await decodeFrame(await loadInstance(src), 0);
      const r = await writeDerived({ source: src, storedPixels: d.stored, method: 'PGD', budget: 0.02, outDir: out });
      expect(Array.from((await decodeFrame(await loadInstance(r.path), 0)).stored)).toEqual(Array.from(d.stored));
      expect(dciodvfyErrors(r.path)).toEqual([]);
    }
  });

  it('never overwrites an existing file', async () => {
    const src = pathOf('ot_odd.explicit_le');
    const d = await decodeFrame(await loadInstance(src), 0);
    const series = '2.25.1234';
    const a = await writeDerived({ source: src, storedPixels: d.stored, method: 'FGSM', budget: 0.01, outDir: out, seriesInstanceUid: series });
    expect((await loadInstance(a.path)).dataSet.string('x0020000e')).toBe(series);
    await expect(writeNew(a.path, new Uint8Array(4))).rejects.toThrow('already exists; not overwritten');
    const named = await writeDerived({ source: src, storedPixels: d.stored, method: 'FGSM', budget: 0.01, outDir: out, fileName: 'attacked.dcm' });
    expect(named.path).toBe(join(out, 'attacked.dcm'));
    await expect(writeDerived({ source: src, storedPixels: d.stored, method: 'FGSM', budget: 0.01, outDir: out, fileName: 'attacked.dcm' })).rejects.toThrow(
      'attacked.dcm: already exists; not overwritten',
    );
    expect(sha(a.path)).not.toBe(createHash('sha1').update(new Uint8Array(4)).digest('hex'));
  });

  it('refuses pixels of the wrong size', async () => {
    await expect(writeDerived({ source: pathOf('ot_odd.explicit_le'), storedPixels: new Uint8Array(10), method: 'PGD', budget: 0.02, outDir: out })).rejects.toThrow(
      'derived pixels are 10 values, expected 1023 (33×31×1)',
    );
  });
});

/** PS3.15 Table E.1-1 attributes the fixtures carry that must not survive (tag → original value). */
const IDENTIFYING = ['x00080050', 'x00080080', 'x00080090', 'x00081030', 'x0008103e', 'x00100030', 'x00080020', 'x00080030', 'x00082111', 'x00091010', 'x00090010'];

describe('deidentifyBundle', () => {
  it('removes identifying attributes and private tags, remaps UIDs consistently and blinds derivation', async () => {
    const orig = join(out, 'orig-with-private.dcm');
    const b = baseImage('ct_s16');
    writeFileSync(orig, writePart10([...baseElements(b), [0x00090010, 'LO', 'ACME'], [0x00091010, 'LO', 'secret'], [0x00280301, 'CS', 'YES']], { transferSyntax: '1.2.840.10008.1.2.1' }));
    const d = await decodeFrame(await loadInstance(orig), 0);
    const derived = await writeDerived({ source: orig, storedPixels: perturb(d.stored, d.meta.minStored, d.meta.maxStored), method: 'PGD', budget: 0.03, outDir: out });
    const results = await deidentifyBundle(
      [
        { source: orig, out: join(out, 'case1-a.dcm'), patientName: 'CASE^0001', patientId: 'CASE0001' },
        { source: derived.path, out: join(out, 'case1-b.dcm'), patientName: 'CASE^0001', patientId: 'CASE0001' },
      ],
      { blind: true },
    );
    expect(results[0]!.warnings.join()).toContain('Burned In Annotation is YES');
    const [a, bb] = await Promise.all(results.map((r) => loadInstance(r.path)));
    for (const inst of [a!, bb!]) {
      const ds = inst.dataSet;
      for (const tag of IDENTIFYING) expect(ds.string(tag) ?? '', tag).toBe('');
      expect(Object.keys(ds.elements).filter((t) => parseInt(t.slice(1, 5), 16) % 2 === 1)).toEqual([]);
      expect(ds.string('x00100010')).toBe('CASE^0001');
      expect(ds.string('x00100020')).toBe('CASE0001');
      expect(ds.string('x00120062')).toBe('YES');
      expect(ds.string('x0020000d')).not.toBe('');
      expect(ds.string('x0020000d')).not.toBe(baseElementsUid(b, 0x0020000d));
      expect(ds.elements.x00082112).toBeUndefined();
      expect(ds.elements.x00089215).toBeUndefined();
      expect(ds.string('x00080008')).toBe('ORIGINAL\\PRIMARY\\AXIAL');
      expect(Buffer.from(readFileSync(inst.path!)).toString('latin1')).not.toMatch(/AEGIS ADVERSARIAL|DOE\^JANE|PID001|General Hospital/);
    }
    // Blinded: the attacked file carries exactly the same attributes as the original.
    expect(Object.keys(bb!.dataSet.elements).sort()).toEqual(Object.keys(a!.dataSet.elements).sort());
    expect(a!.dataSet.string('x0020000d')).toBe(bb!.dataSet.string('x0020000d'));
    expect(a!.dataSet.string('x00200052')).toBe(bb!.dataSet.string('x00200052'));
    expect(a!.dataSet.string('x00080018')).not.toBe(bb!.dataSet.string('x00080018'));
  });
});

function baseElementsUid(b: ReturnType<typeof baseImage>, tag: number): string {
  return baseElements(b).find(([t]) => t === tag)![2] as string;
}

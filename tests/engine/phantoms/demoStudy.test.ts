import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoStudy } from '../../../electron/engine/phantoms/generateDemoStudy';
import { generateChestPhantom } from '../../../electron/engine/phantoms/chestPhantom';

const dir = mkdtempSync(join(tmpdir(), 'aegis-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateDemoStudy', () => {
  const images = generateDemoStudy(dir);

  it('writes 20 images in two series, half with a nodule', () => {
    expect(images).toHaveLength(20);
    expect(new Set(images.map((i) => i.series))).toEqual(new Set([1, 2]));
    expect(images.filter((i) => i.nodulePresent)).toHaveLength(10);
    for (const im of images) expect(im.nodules.length).toBe(im.nodulePresent ? 1 : 0);
    const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8'));
    expect(truth.images).toHaveLength(20);
  });

  it('writes real DX DICOM that an independent parser reads back pixel for pixel', () => {
    const studyUids = new Set<string>();
    const seriesUids = new Map<number, Set<string>>();
    for (const im of images.filter((_, k) => k % 4 === 0 || k === 19)) {
      const bytes = readFileSync(join(dir, im.file));
      const ds = dicomParser.parseDicom(new Uint8Array(bytes));
      expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
      expect(ds.string('x00080060')).toBe('DX');
      expect(ds.string('x00100010')).toMatch(/^PHANTOM\^/);
      expect(ds.string('x00280004')).toBe('MONOCHROME2');
      expect(ds.uint16('x00280100')).toBe(16);
      expect(ds.uint16('x00280101')).toBe(12);
      expect(ds.uint16('x00280103')).toBe(0);
      expect(ds.string('x00080018')).toMatch(/^2\.25\.[1-9][0-9]*$/);
      studyUids.add(ds.string('x0020000d') ?? '');
      const s = seriesUids.get(im.series) ?? new Set<string>();
      s.add(ds.string('x0020000e') ?? '');
      seriesUids.set(im.series, s);
      const el = ds.elements.x7fe00010;
      const stored = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + el.dataOffset, bytes.byteOffset + el.dataOffset + el.length));
      const expected = generateChestPhantom(im.seed, { nodules: im.nodulePresent ? 1 : 0 }).pixels;
      expect(stored.length).toBe(512 * 512);
      expect(Buffer.compare(Buffer.from(stored.buffer), Buffer.from(expected.buffer))).toBe(0);
    }
    expect(studyUids.size).toBe(1);
    expect(seriesUids.get(1)?.size).toBe(1);
    expect(seriesUids.get(2)?.size).toBe(1);
    expect([...(seriesUids.get(1) ?? [])][0]).not.toBe([...(seriesUids.get(2) ?? [])][0]);
  });

  it('is byte-for-byte reproducible', () => {
    const again = mkdtempSync(join(tmpdir(), 'aegis-demo-'));
    try {
      generateDemoStudy(again);
      for (const im of [images[0], images[13]]) {
        const h = (d: string) => createHash('sha256').update(readFileSync(join(d, im.file))).digest('hex');
        expect(h(again)).toBe(h(dir));
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

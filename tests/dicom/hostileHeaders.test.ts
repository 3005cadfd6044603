/**
 * Issue #13: headers built to exhaust the reader get plain, right answers and bounded work —
 * sequences nested thousands deep (in the data set or in the meta header) are named as such, not
 * "meta header is damaged" or a silently shortened data set; 10 MB of tiny elements or empty
 * sequence items are refused by an allocation-free count before dicom-parser builds an object per
 * element (which held the event loop for seconds).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DicomError, parseInstance, readHeader } from '../../electron/dicom';
import { countElements, MAX_HEADER_ELEMENTS } from '../../electron/dicom/headerBudget';
import { ensureFixtures } from '../fixtures/dicom/makeFixtures';
import { elementsOf } from './fuzzElements';

const root = mkdtempSync(join(tmpdir(), 'aegis-hostile-header-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let source: Uint8Array;
beforeAll(async () => {
  const fixtures = await ensureFixtures();
  source = new Uint8Array(readFileSync(fixtures.find((f) => f.name === 'ct_s16.explicit_le')!.path));
});

function nested(group: number, depth: number): number[] {
  const open = [group & 0xff, group >> 8, 0x10, 0x10, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
  const close = [0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];
  return [...Array.from({ length: depth }, () => open).flat(), ...Array.from({ length: depth }, () => close).flat()];
}

function insertAt(at: number, bytes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(source.length + bytes.length);
  out.set(source.subarray(0, at), 0);
  out.set(bytes, at);
  out.set(source.subarray(at), at + bytes.length);
  return out;
}

function refusal(fn: () => unknown): DicomError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DicomError);
    return err as DicomError;
  }
  throw new Error('not refused');
}

describe('hostile headers', () => {
  it('sequences nested 5,000 deep in the data set: named as such, not a shortened data set', () => {
    const at = elementsOf(source)[5]!.start;
    const err = refusal(() => parseInstance(insertAt(at, nested(0x0009, 5000)), { path: 'deep.dcm' }));
    expect(err.message).toBe('deep.dcm: sequences are nested thousands of levels deep, which no real DICOM file does; the file is damaged or crafted');
    // 50 levels is odd but readable.
    expect(parseInstance(insertAt(at, nested(0x0009, 50))).dataSet.elements.x7fe00010).toBeDefined();
  });

  it('sequences nested 5,000 deep inside the meta header: the same words, not "meta header is damaged"', () => {
    const err = refusal(() => parseInstance(insertAt(144, nested(0x0002, 5000)), { path: 'deep-meta.dcm' }));
    expect(err.reason).toMatch(/^sequences are nested thousands of levels deep/);
    expect(err.message).not.toMatch(/meta header is damaged/);
  });

  it('10 MB of tiny elements, or of empty sequence items, is refused before it is parsed, by path too', async () => {
    const at = elementsOf(source)[5]!.start;
    const n = 1_250_000;
    const tiny = new Uint8Array(n * 8);
    for (let i = 0; i < n; i++) tiny.set([0x09, 0x00, 0x00, 0x10, 0x4c, 0x4f, 0, 0], i * 8);
    const items = new Uint8Array(n * 8);
    for (let i = 0; i < n; i++) items.set([0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0], i * 8);
    const withSq = new Uint8Array(12 + items.length);
    withSq.set([0x09, 0x00, 0x10, 0x10, 0x53, 0x51, 0, 0, ...new Uint8Array(new Uint32Array([items.length]).buffer)]);
    withSq.set(items, 12);
    for (const [name, bytes] of [['tiny', insertAt(at, tiny)], ['items', insertAt(at, withSq)]] as const) {
      const words = /the data set holds over 400,000 elements and sequence items before the image/;
      expect(refusal(() => parseInstance(bytes, { headerOnly: true })).reason).toMatch(words);
      const file = join(root, `${name}.dcm`);
      writeFileSync(file, bytes);
      await expect(readHeader(file)).rejects.toThrow(words);
    }
  });

  it('the count is cheap and bounded: it stops one past the limit', () => {
    const many = new Uint8Array(8 * (MAX_HEADER_ELEMENTS + 1000));
    for (let i = 0; i < MAX_HEADER_ELEMENTS + 1000; i++) many.set([0x09, 0x00, 0x00, 0x10, 0x4c, 0x4f, 0, 0], i * 8);
    expect(countElements(many, true)).toBe(MAX_HEADER_ELEMENTS + 1);
    expect(countElements(many, true, 10)).toBe(11);
  });
});

// Robust reading: odd but readable files are read correctly; broken ones get one plain sentence.
import { describe, expect, it } from 'vitest';
import { decodeFrame, DicomError, parseInstance, tagTree } from '../../electron/dicom';
import type { TagNode } from '../../electron/shared/studyTypes';
import { baseElements } from '../fixtures/dicom/baseFile';
import { baseImage } from '../fixtures/dicom/makeFixtures';
import { synthesize } from '../fixtures/dicom/syntheticImage';
import { concat, writePart10, type El } from '../fixtures/dicom/writePart10';

const CT = baseImage('ct_s16');
const ctValues = Array.from(synthesize(CT.spec).values);
const EXPLICIT = '1.2.840.10008.1.2.1';

async function storedOf(bytes: Uint8Array): Promise<number[]> {
  return Array.from((await decodeFrame(parseInstance(bytes, { path: 'case.dcm' }), 0)).stored);
}

async function failure(bytes: Uint8Array, frame = 0): Promise<string> {
  try {
    await decodeFrame(parseInstance(bytes, { path: 'MR_123.dcm' }), frame);
  } catch (err) {
    expect(err).toBeInstanceOf(DicomError);
    return (err as Error).message;
  }
  throw new Error('expected a DicomError');
}

const replace = (els: El[], tag: number, el: El) => [...els.filter(([t]) => t !== tag), el];

describe('lenient reading', () => {
  it('reads a bare data set without preamble or meta header (explicit and implicit VR)', async () => {
    for (const implicit of [false, true]) {
      const bytes = writePart10(baseElements(CT), { transferSyntax: EXPLICIT, part10: false, implicit });
      const inst = parseInstance(bytes);
      expect(inst.warnings).toContain('no preamble or meta header');
      expect(inst.transferSyntax.explicitVr).toBe(!implicit);
      expect(await storedOf(bytes)).toEqual(ctValues);
    }
  });

  it('reads a meta header that lacks the 128-byte preamble', async () => {
    const bytes = writePart10(baseElements(CT), { transferSyntax: EXPLICIT }).subarray(132);
    expect(parseInstance(bytes).warnings).toContain('no 128-byte preamble before the meta header');
    expect(await storedOf(bytes)).toEqual(ctValues);
  });

  it('guesses a missing transfer syntax and corrects a wrong one from the data set', async () => {
    const missing = writePart10(baseElements(CT), { transferSyntax: EXPLICIT, omitTransferSyntax: true, implicit: true });
    expect(parseInstance(missing).warnings.join()).toMatch(/no transfer syntax in the meta header; read as Implicit VR Little Endian/);
    expect(await storedOf(missing)).toEqual(ctValues);
    const wrong = writePart10(baseElements(CT), { transferSyntax: EXPLICIT, implicit: true });
    expect(parseInstance(wrong).warnings.join()).toMatch(/says explicit VR but the data set is implicit/);
    expect(await storedOf(wrong)).toEqual(ctValues);
  });

  it('accepts numbers written with a wrong VR (IS for US)', async () => {
    let els = replace(baseElements(CT), 0x00280010, [0x00280010, 'IS', String(CT.spec.rows)]);
    els = replace(els, 0x00280100, [0x00280100, 'UL', [16]]);
    expect(await storedOf(writePart10(els, { transferSyntax: EXPLICIT }))).toEqual(ctValues);
  });

  it('reads odd-length elements', async () => {
    const bytes = writePart10([...baseElements(CT), [0x00110010, 'LO', 'XY']], { transferSyntax: EXPLICIT });
    const at = Buffer.from(bytes).indexOf(Buffer.from([0x11, 0, 0x10, 0, 0x4c, 0x4f, 2, 0, 0x58, 0x59]));
    const odd = concat([bytes.subarray(0, at), new Uint8Array([0x11, 0, 0x10, 0, 0x4c, 0x4f, 3, 0, 0x58, 0x59, 0x5a]), bytes.subarray(at + 10)]);
    expect(await storedOf(odd)).toEqual(ctValues);
    expect(parseInstance(odd).dataSet.string('x00110010')).toBe('XYZ');
  });

  it('reads private and undefined-length sequences and shows them in the tag tree', async () => {
    const item: El[] = [[0x00081150, 'UI', '1.2.3'], [0x00081155, 'UI', '1.2.3.4']];
    const priv: El[] = [[0x00091010, 'LO', 'vendor']];
    const els: El[] = [...baseElements(CT), [0x00082112, 'SQ', [item, item]], [0x00090010, 'LO', 'ACME'], [0x00091020, 'SQ', [priv]]];
    for (const implicit of [false, true]) {
      const bytes = writePart10(els, { transferSyntax: implicit ? '1.2.840.10008.1.2' : EXPLICIT, implicit, undefinedLengthSequences: true });
      expect(await storedOf(bytes)).toEqual(ctValues);
      const tree = tagTree(parseInstance(bytes));
      const source = tree.find((n) => n.tag === '(0008,2112)') as TagNode;
      expect(source.name).toBe('SourceImageSequence');
      expect(source.items).toHaveLength(2);
      expect(source.items![1]!.find((n) => n.tag === '(0008,1155)')?.value).toBe('1.2.3.4');
      expect(tree.find((n) => n.tag === '(0009,0010)')?.name).toBe('Private');
    }
  });

  it('expands uncompressed YBR_FULL_422 and converts it to RGB', async () => {
    // 1 row × 2 pixels: Y1 Y2 Cb Cr. Grey (Cb = Cr = 128) must give R = G = B = Y.
    const els: El[] = [
      [0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'],
      [0x00080018, 'UI', '1.2.3.422'],
      [0x00280002, 'US', [3]],
      [0x00280004, 'CS', 'YBR_FULL_422'],
      [0x00280006, 'US', [0]],
      [0x00280010, 'US', [1]],
      [0x00280011, 'US', [2]],
      [0x00280100, 'US', [8]],
      [0x00280101, 'US', [8]],
      [0x00280102, 'US', [7]],
      [0x00280103, 'US', [0]],
      [0x7fe00010, 'OB', new Uint8Array([40, 200, 128, 128])],
    ];
    const d = await decodeFrame(parseInstance(writePart10(els, { transferSyntax: EXPLICIT })), 0);
    expect(Array.from(d.stored)).toEqual([40, 128, 128, 200, 128, 128]);
    expect(Array.from(d.rgb!)).toEqual([40, 40, 40, 200, 200, 200]);
  });
});

describe('bit-packed images', () => {
  it('unpacks Bits Allocated 1 least significant bit first, frames running on without padding', async () => {
    // 2 frames of 3×3: bits 0..17 = 101100111 000111010 (frame 2 starts at bit 9, mid-byte).
    const bits = [1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0];
    const bytes = new Uint8Array(4);
    bits.forEach((b, i) => (bytes[i >> 3]! |= b << (i & 7)));
    const els: El[] = [
      [0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'],
      [0x00080018, 'UI', '1.2.3.1bit'],
      [0x00280002, 'US', [1]],
      [0x00280004, 'CS', 'MONOCHROME2'],
      [0x00280008, 'IS', '2'],
      [0x00280010, 'US', [3]],
      [0x00280011, 'US', [3]],
      [0x00280100, 'US', [1]],
      [0x00280101, 'US', [1]],
      [0x00280102, 'US', [0]],
      [0x00280103, 'US', [0]],
      [0x7fe00010, 'OB', bytes],
    ];
    const inst = parseInstance(writePart10(els, { transferSyntax: EXPLICIT }));
    expect(Array.from((await decodeFrame(inst, 0)).stored)).toEqual(bits.slice(0, 9));
    expect(Array.from((await decodeFrame(inst, 1)).stored)).toEqual(bits.slice(9));
  });
});

describe('plain-words failures', () => {
  const mr = baseImage('mr_u12');
  const big: El[] = replace(replace(baseElements(mr), 0x00280010, [0x00280010, 'US', [64]]), 0x00280011, [0x00280011, 'US', [64]]);
  const full = writePart10(replace(big, 0x7fe00010, [0x7fe00010, 'OW', new Uint8Array(8192)]), { transferSyntax: EXPLICIT });

  it('names a truncated file with the byte counts', async () => {
    expect(await failure(full.subarray(0, full.length - 62))).toBe('MR_123.dcm: pixel data is 8,130 bytes, expected 8,192 — file truncated');
  });

  it('names pixel data too short for the header', async () => {
    const short = writePart10(replace(big, 0x7fe00010, [0x7fe00010, 'OW', new Uint8Array(8000)]), { transferSyntax: EXPLICIT });
    expect(await failure(short)).toBe('MR_123.dcm: pixel data is 8,000 bytes, expected 8,192 — too short for 1 frame(s) of 64×64×1 at 16 bits');
  });

  it('says when a file is not DICOM at all', async () => {
    expect(() => parseInstance(new TextEncoder().encode('hello, this is a text file and not an image at all'.repeat(5)), { path: 'notes.txt' })).toThrow(
      "notes.txt: not a DICOM file (no 'DICM' marker at byte 128 and no data set at the start)",
    );
    expect(() => parseInstance(new Uint8Array(5), { path: 'empty.dcm' })).toThrow('empty.dcm: not a DICOM file (only 5 bytes)');
  });

  it('names an unsupported transfer syntax and a missing frame', async () => {
    const odd = writePart10(baseElements(CT), { transferSyntax: '1.2.840.10008.1.2.4.110' });
    expect(await failure(odd)).toMatch(/unknown transfer syntax 1\.2\.840\.10008\.1\.2\.4\.110 is not a transfer syntax Aegis can decode/);
    expect(await failure(full, 3)).toBe('MR_123.dcm: frame 3 does not exist (the file has 1)');
  });

  it('names truncated compressed data', async () => {
    const enc: El = [0x7fe00010, 'OB', { frames: [[new Uint8Array(100).fill(1)]], basicOffsetTable: false }];
    const bytes = writePart10([...replace(baseElements(CT), 0x7fe00010, enc)], { transferSyntax: '1.2.840.10008.1.2.5' });
    expect(await failure(bytes.subarray(0, bytes.length - 50))).toMatch(/compressed pixel data fragment 1 is \d+ bytes, expected 100 — file truncated/);
  });
});

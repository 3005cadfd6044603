// Every fixture decodes to the values it was generated from (lossless) or within the codec's
// tolerance (lossy), and to the same pixels as dcmtk's / GDCM's own decompression.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, DicomError, loadInstance, pixelModule } from '../../electron/dicom';
import { baseImage, ensureFixtures, type Fixture } from '../fixtures/dicom/makeFixtures';
import { synthesize } from '../fixtures/dicom/syntheticImage';
import { dcmtkStoredPixels } from './dcmtkPixels';

let fixtures: Fixture[] = [];
beforeAll(async () => {
  fixtures = await ensureFixtures();
});

async function decodeAll(path: string): Promise<{ stored: number[][]; rgb: (Uint8Array | undefined)[] }> {
  const inst = await loadInstance(path);
  const frames = pixelModule(inst).numberOfFrames;
  const stored: number[][] = [];
  const rgb: (Uint8Array | undefined)[] = [];
  for (let f = 0; f < frames; f++) {
    const d = await decodeFrame(inst, f);
    stored.push(Array.from(d.stored));
    rgb.push(d.rgb);
  }
  return { stored, rgb };
}

function psnr(a: ArrayLike<number>, b: Float64Array): number {
  let se = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < b.length; i++) {
    se += (a[i]! - b[i]!) ** 2;
    lo = Math.min(lo, b[i]!);
    hi = Math.max(hi, b[i]!);
  }
  return 10 * Math.log10(((hi - lo) ** 2 * b.length) / Math.max(se, 1e-12));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('decoding every fixture', () => {
  it('generates the fixture set (cached)', () => {
    expect(fixtures.length).toBeGreaterThan(100);
  });

  it('covers every transfer syntax Aegis claims', async () => {
    const seen = new Set<string>();
    for (const fx of fixtures) seen.add((await loadInstance(fx.path, { headerOnly: true })).transferSyntax.uid);
    const claimed = ['', '.1', '.1.99', '.2', '.4.50', '.4.51', '.4.57', '.4.70', '.4.80', '.4.81', '.4.90', '.4.91', '.4.201', '.5'];
    expect([...seen].sort()).toEqual(expect.arrayContaining(claimed.map((s) => `1.2.840.10008.1.2${s}`)));
  });

  it('decodes lossless fixtures to exactly the generated values, lossy ones within tolerance', async () => {
    const problems: string[] = [];
    for (const fx of fixtures.filter((f) => !f.referenceOnly)) {
      const spec = baseImage(fx.base).spec;
      const values = synthesize(spec).values;
      const perFrame = values.length / (spec.frames ?? 1);
      try {
        const { stored } = await decodeAll(fx.path);
        // JPEG baseline colour comes back as RGB from YCbCr 4:2:2; only the reference comparison applies.
        if (fx.name.includes('jpeg_baseline') && spec.samplesPerPixel === 3) continue;
        stored.forEach((frame, f) => {
          const generated = values.subarray(f * perFrame, (f + 1) * perFrame);
          // dcmtk (dcmconv +tb) writes 32-bit OW big endian as 16-bit words, low word first; GDCM and
          // pydicom read one big-endian 32-bit value, and Aegis reads as they do (issue #13, pydicom's
          // rtdose_expb.dcm): dcmtk's file then holds the generated values with their halves exchanged.
          const want = fx.name === 'ot_u32.big_endian' ? generated.map((v) => ((v & 0xffff) * 65536 + Math.floor(v / 65536)) >>> 0) : generated;
          if (fx.maxError === null) {
            const db = psnr(frame, want);
            if (db < fx.minPsnr!) problems.push(`${fx.name} frame ${f}: PSNR ${db.toFixed(1)} dB < ${fx.minPsnr}`);
            return;
          }
          const diff = maxAbsDiff(frame, want);
          if (diff > fx.maxError) problems.push(`${fx.name} frame ${f}: max |diff| ${diff} > ${fx.maxError}`);
        });
      } catch (err) {
        problems.push(`${fx.name}: ${(err as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('matches the Debian tools’ own decompression pixel for pixel, read by dcmtk (no Aegis code on the reference side)', async () => {
    const problems: string[] = [];
    const refs = fixtures.filter((f) => f.reference);
    expect(refs.length).toBeGreaterThan(30);
    for (const fx of refs) {
      try {
        const ours = await decodeAll(fx.path);
        const ref = dcmtkStoredPixels(fx.reference!);
        if (ours.stored.length !== ref.frames.length) problems.push(`${fx.name}: ${ours.stored.length} frames, reference ${ref.frames.length}`);
        ours.stored.forEach((frame, f) => {
          // Lossy ones too: libjpeg-turbo vs dcmtk's IJG libjpeg, OpenJPEG vs GDCM's OpenJPEG, CharLS vs dcmtk's.
          const diff = maxAbsDiff(frame, ref.frames[f] ?? []);
          if (diff > 0) problems.push(`${fx.name} frame ${f}: max |diff| vs reference ${diff}`);
        });
      } catch (err) {
        problems.push(`${fx.name}: ${(err as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('12-bit JPEG Extended (Process 4)', () => {
  const jpeg12 = () => fixtures.filter((f) => f.name.includes('.jpeg_extended12'));

  it('covers grey, colour, signed and multi-frame files', () => {
    expect(jpeg12().map((f) => f.name).sort()).toEqual([
      'mr_u12.jpeg_extended12',
      'mr_u12.jpeg_extended12_signed',
      'ot_rgb12.jpeg_extended12',
      'xa_multiframe.jpeg_extended12_scaled',
    ]);
  });

  it('decodes to dcmdjpeg’s stored values bit for bit, colour at 12 bits before any 8-bit display conversion', async () => {
    for (const fx of jpeg12()) {
      const ours = await decodeAll(fx.path);
      const ref = dcmtkStoredPixels(fx.reference!);
      expect(ours.stored.length, fx.name).toBe(ref.frames.length);
      ours.stored.forEach((frame, f) => expect(frame, `${fx.name} frame ${f}`).toEqual(Array.from(ref.frames[f]!)));
    }
  });

  it('reads a signed file as the same codestream’s 12-bit words in two’s complement', async () => {
    const path = (name: string) => fixtures.find((f) => f.name === name)!.path;
    const [unsigned] = (await decodeAll(path('mr_u12.jpeg_extended12'))).stored;
    const [signed] = (await decodeAll(path('mr_u12.jpeg_extended12_signed'))).stored;
    expect(signed).toEqual(unsigned!.map((u) => (u ^ 0x800) - 0x800));
    expect(Math.min(...signed!)).toBeLessThan(0);
  });

  it('names a damaged 12-bit codestream and decodes the next file after it', async () => {
    const fx = fixtures.find((f) => f.name === 'mr_u12.jpeg_extended12')!;
    const inst = await loadInstance(fx.path);
    const good = await decodeFrame(inst, 0);
    const pd = inst.dataSet.elements.x7fe00010!;
    const frag = pd.fragments![0]!;
    const bytes = inst.dataSet.byteArray;
    // End the codestream where its scan starts: the frame header stays readable, the decoder must fail.
    const sos = bytes.subarray(frag.position, frag.position + frag.length).findIndex((b, i, a) => b === 0xff && a[i + 1] === 0xda);
    bytes.fill(0, frag.position + sos, frag.position + frag.length);
    bytes.set([0xff, 0xd9], frag.position + sos);
    const err = await decodeFrame(inst, 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DicomError);
    // Plain words, not libjpeg's "Invalid JPEG file structure: missing SOS marker" (issue #13).
    expect((err as Error).message).toMatch(/JPEG Extended \(Process 2 & 4\) frame 1 cannot be decoded: its compressed image data is damaged or incomplete; export the image again from its source$/);
    expect(Array.from((await decodeFrame(await loadInstance(fx.path), 0)).stored)).toEqual(Array.from(good.stored));
  });
});

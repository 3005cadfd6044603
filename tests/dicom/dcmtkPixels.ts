import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** An uncompressed reference file's stored values as dcmtk reads them, one interleaved array per frame. */
export interface ReferencePixels {
  frames: Float64Array[];
  photometric: string;
  samplesPerPixel: number;
}

const UNCOMPRESSED_LE = new Set(['LittleEndianExplicit', 'LittleEndianImplicit']);

/**
 * Reads the stored pixel values of an uncompressed little-endian DICOM file without any Aegis code:
 * dcmtk's `dcmdump +W` writes the Pixel Data bytes to a file and prints the pixel module, and this
 * function applies Bits Allocated/Stored/High Bit, Pixel Representation (two's-complement sign
 * extension from Bits Stored) and Planar Configuration itself. It is the independent side of the
 * decode tests: masking or sign handling shared with `decodeFrame` would otherwise hide on both sides.
 */
export function dcmtkStoredPixels(path: string): ReferencePixels {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-dcmdump-'));
  try {
    const run = spawnSync('dcmdump', ['-q', '+W', dir, path], { encoding: 'utf8' });
    if (run.error) throw new Error(`dcmdump could not run (${run.error.message}); install Debian's dcmtk`);
    if (run.status !== 0) throw new Error(`dcmdump failed on ${path}: ${run.stderr}`);
    const tag = (t: string): string | undefined => {
      const line = run.stdout.split('\n').find((l) => l.startsWith(`(${t})`));
      const m = line?.match(/^\(\w{4},\w{4}\) \w\w (?:\[([^\]]*)\]|=?(\S+))/);
      return m ? (m[1] ?? m[2]) : undefined;
    };
    const num = (t: string, fallback?: number): number => {
      const v = tag(t);
      if (v === undefined) {
        if (fallback === undefined) throw new Error(`${basename(path)}: dcmdump shows no (${t})`);
        return fallback;
      }
      return Number(v);
    };
    const ts = tag('0002,0010') ?? 'LittleEndianImplicit';
    if (!UNCOMPRESSED_LE.has(ts)) throw new Error(`${basename(path)}: reference must be uncompressed little endian, is ${ts}`);
    const rows = num('0028,0010');
    const columns = num('0028,0011');
    const spp = num('0028,0002', 1);
    const allocated = num('0028,0100');
    const bitsStored = num('0028,0101');
    const highBit = num('0028,0102', bitsStored - 1);
    const signed = num('0028,0103', 0) === 1;
    const planar = num('0028,0006', 0) === 1;
    const frames = num('0028,0008', 1);
    const raw = readFileSync(join(dir, `${basename(path)}.0.raw`));
    const perFrame = rows * columns * spp;
    if (raw.length < (perFrame * frames * allocated) / 8) throw new Error(`${basename(path)}: ${raw.length} pixel bytes for ${frames} frames of ${perFrame} samples`);
    const shift = highBit + 1 - bitsStored;
    const mask = 2 ** bitsStored;
    const sample = (i: number): number => {
      const word = allocated === 8 ? raw[i]! : allocated === 16 ? raw.readUInt16LE(2 * i) : raw.readUInt32LE(4 * i);
      const v = Math.floor(word / 2 ** shift) % mask;
      return signed && v >= mask / 2 ? v - mask : v;
    };
    const out: Float64Array[] = [];
    for (let f = 0; f < frames; f++) {
      const frame = new Float64Array(perFrame);
      const base = f * perFrame;
      const plane = rows * columns;
      for (let p = 0; p < plane; p++) {
        for (let c = 0; c < spp; c++) frame[p * spp + c] = sample(base + (planar ? c * plane + p : p * spp + c));
      }
      out.push(frame);
    }
    return { frames: out, photometric: tag('0028,0004') ?? '', samplesPerPixel: spp };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

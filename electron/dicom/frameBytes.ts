/**
 * The bytes of one frame: a slice of native Pixel Data, or the joined fragments of one compressed
 * frame located by the Extended Offset Table, the Basic Offset Table, or (with neither) by one
 * fragment per frame or each codec's start-of-frame marker.
 */
import type dicomParser from 'dicom-parser';
import { DicomError, formatCount } from './dicomError';
import type { ParsedInstance } from './parseInstance';
import type { PixelModule } from './pixelModule';

/** Bytes of one native frame as stored (with any bit offset for Bits Allocated 1). */
export interface NativeFrame {
  bytes: Uint8Array;
  /** Bit offset of the first pixel within `bytes[0]` (only for Bits Allocated 1). */
  bitOffset: number;
}

function pixelElement(instance: ParsedInstance): dicomParser.Element {
  const el = instance.dataSet.elements.x7fe00010;
  if (!el) throw new DicomError(instance.headerOnly ? 'parsed header-only; pixels not read' : 'no Pixel Data (7FE0,0010) — not an image', instance.path ?? undefined);
  return el;
}

/** True when the Pixel Data is encapsulated (compressed). */
export function isEncapsulated(instance: ParsedInstance): boolean {
  const el = pixelElement(instance);
  return el.encapsulatedPixelData === true || (el.hadUndefinedLength === true && el.fragments !== undefined);
}

/** Native frame bytes; a {@link DicomError} names the shortfall when the data is too short. */
export function nativeFrame(instance: ParsedInstance, pm: PixelModule, frame: number): NativeFrame {
  const el = pixelElement(instance);
  const byteArray = instance.dataSet.byteArray;
  // Uncompressed YBR_FULL_422 keeps two chroma samples per pair of pixels (PS3.3 C.7.6.3.1.2).
  const samples = pm.photometricInterpretation === 'YBR_FULL_422' ? 2 : pm.samplesPerPixel;
  const bitsPerFrame = pm.rows * pm.columns * samples * pm.bitsAllocated;
  const expected = Math.ceil((bitsPerFrame * pm.numberOfFrames) / 8);
  const available = Math.max(0, Math.min(el.length, byteArray.length - el.dataOffset));
  const startBit = bitsPerFrame * frame;
  const endByte = Math.ceil((startBit + bitsPerFrame) / 8);
  if (available < expected && endByte > available) {
    const truncated = el.dataOffset + el.length > byteArray.length;
    throw new DicomError(
      `pixel data is ${formatCount(available)} bytes, expected ${formatCount(expected)} — ${truncated ? 'file truncated' : `too short for ${pm.numberOfFrames} frame(s) of ${pm.rows}×${pm.columns}×${samples} at ${pm.bitsAllocated} bits`}`,
      instance.path ?? undefined,
    );
  }
  const start = el.dataOffset + Math.floor(startBit / 8);
  return { bytes: byteArray.subarray(start, el.dataOffset + endByte), bitOffset: startBit % 8 };
}

const START_MARKERS: Record<string, (b: Uint8Array) => boolean> = {
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8,
  j2k: (b) => b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51,
  rle: (b) => b.length >= 64 && b[1] === 0 && b[2] === 0 && b[3] === 0 && b[0]! >= 1 && b[0]! <= 15 && b[4] === 64 && b[5] === 0,
};

/** Marker family of an encapsulated transfer syntax, for frames without offset tables. */
function markerFamily(instance: ParsedInstance): string {
  const enc = instance.transferSyntax.encoding;
  if (enc === 'jpeg2000' || enc === 'htj2k') return 'j2k';
  if (enc === 'rle') return 'rle';
  return 'jpeg';
}

/** The compressed bytes of one frame (fragments joined). */
export function encapsulatedFrame(instance: ParsedInstance, pm: PixelModule, frame: number): Uint8Array {
  const el = pixelElement(instance);
  const ds = instance.dataSet;
  const path = instance.path ?? undefined;
  const fragments = el.fragments ?? [];
  if (fragments.length === 0) throw new DicomError('compressed pixel data has no fragments', path);
  const byteArray = ds.byteArray;
  for (const [i, f] of fragments.entries()) {
    if (f.position + f.length > byteArray.length) {
      throw new DicomError(
        `compressed pixel data fragment ${i + 1} is ${formatCount(Math.max(0, byteArray.length - f.position))} bytes, expected ${formatCount(f.length)} — file truncated`,
        path,
      );
    }
  }
  const slice = (f: dicomParser.Fragment) => byteArray.subarray(f.position, f.position + f.length);
  const frames = pm.numberOfFrames;
  if (frames === 1) return join(fragments.map(slice));

  const starts = frameStartOffsets(instance, el, frames);
  if (starts) {
    const begin = starts[frame]!;
    const end = frame + 1 < starts.length ? starts[frame + 1]! : Infinity;
    const picked = fragments.filter((f) => f.offset >= begin && f.offset < end);
    if (picked.length === 0) throw new DicomError(`offset table points frame ${frame + 1} at no fragment`, path);
    return join(picked.map(slice));
  }
  if (fragments.length === frames) return slice(fragments[frame]!);
  const isStart = START_MARKERS[markerFamily(instance)]!;
  const firsts = fragments.map((f, i) => (isStart(slice(f)) ? i : -1)).filter((i) => i >= 0);
  if (firsts.length !== frames) {
    throw new DicomError(`cannot find frame boundaries: ${fragments.length} fragments, ${firsts.length} frame starts, ${frames} frames and no offset table`, path);
  }
  const end = frame + 1 < firsts.length ? firsts[frame + 1]! : fragments.length;
  return join(fragments.slice(firsts[frame]!, end).map(slice));
}

/** Frame start offsets (relative to the first fragment's item tag) from EOT or BOT; null if neither. */
function frameStartOffsets(instance: ParsedInstance, el: dicomParser.Element, frames: number): number[] | null {
  const ds = instance.dataSet;
  const eot = ds.elements.x7fe00001;
  const path = instance.path ?? undefined;
  if (eot && eot.length >= 8 * frames && eot.dataOffset + eot.length <= ds.byteArray.length) {
    const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + eot.dataOffset, eot.length);
    const offsets: number[] = [];
    for (let i = 0; i < frames; i++) offsets.push(Number(view.getBigUint64(i * 8, true)));
    return offsets;
  }
  const bot = el.basicOffsetTable ?? [];
  if (bot.length === 0) return null;
  if (bot.length !== frames) throw new DicomError(`basic offset table lists ${bot.length} frames, the header says ${frames}`, path);
  return bot;
}

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

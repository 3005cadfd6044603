/**
 * Decodes one frame to stored values (after decompression, before the modality LUT), with Bits
 * Stored masking and sign extension, plus 8-bit RGB for colour images.
 */
import type { FrameMeta } from '../shared/studyTypes';
import { decodeJpeg12 } from './codecs/jpeg12';
import { decodeJpegLossless } from './codecs/jpegLossless';
import { decodeRle } from './codecs/rle';
import { j2kSize, jpegSize } from './codecs/codestreamSize';
import { j2kCodestream } from './codecs/j2kCodestream';
import { withoutColourTransform } from './codecs/jpegNoColourTransform';
import type { DecodedSamples } from './codecs/decodedSamples';
import { wasmDecode } from './codecs/wasmCodecs';
import { interleave, paletteToRgb, rgbTo8, upsample422, ybrFullToRgb } from './colour';
import { DicomError } from './dicomError';
import { frameMeta } from './frameMeta';
import { encapsulatedFrame, isEncapsulated, nativeFrame } from './frameBytes';
import { readNative } from './readNative';
import { type ParsedInstance } from './parseInstance';
import { DAMAGED_CODESTREAM, plain } from './plainWords';
import { pixelModule, type PixelModule } from './pixelModule';

/** Stored-value arrays: unsigned/signed by Pixel Representation, width by Bits Allocated (1 → Uint8Array). */
export type StoredPixels = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** One decoded frame. `stored` is rows×columns (×3 interleaved for colour); `rgb` is rows×columns×3 8-bit. */
export interface DecodedFrame {
  meta: FrameMeta;
  stored: StoredPixels;
  rgb?: Uint8Array;
}

/** Decodes frame `frame` (0-based). Any problem is a {@link DicomError} naming it in plain words. */
export async function decodeFrame(instance: ParsedInstance, frame: number, imageId?: string): Promise<DecodedFrame> {
  try {
    return await decodeUnguarded(instance, frame, imageId);
  } catch (err) {
    if (err instanceof DicomError) throw err;
    throw new DicomError(`file is damaged (${plain(err)})`, instance.path ?? undefined);
  }
}

async function decodeUnguarded(instance: ParsedInstance, frame: number, imageId?: string): Promise<DecodedFrame> {
  const meta = frameMeta(instance, frame, imageId);
  const pm = pixelModule(instance);
  const path = instance.path ?? undefined;
  let decoded: DecodedSamples;
  let codecDidColour = false;
  if (instance.transferSyntax.encoding === 'unsupported') {
    throw new DicomError(`${instance.transferSyntax.name} is not a transfer syntax Aegis can decode`, path);
  }
  if (isEncapsulated(instance)) {
    const encoded = codestreamOf(instance, pm, encapsulatedFrame(instance, pm, frame));
    try {
      ({ decoded, codecDidColour } = await decodeCompressed(instance, pm, encoded));
    } catch (err) {
      if (err instanceof DicomError) throw err;
      // Aegis's own RLE decoder says precisely what is wrong; the library codecs' texts name internals.
      const why = instance.transferSyntax.encoding === 'rle' ? (err as Error).message : DAMAGED_CODESTREAM;
      throw new DicomError(`${instance.transferSyntax.name} frame ${frame + 1} cannot be decoded: ${why}`, path);
    }
    if (decoded.width !== pm.columns || decoded.height !== pm.rows || decoded.components !== pm.samplesPerPixel) {
      throw new DicomError(
        `compressed frame is ${decoded.width}×${decoded.height}×${decoded.components}, the header says ${pm.columns}×${pm.rows}×${pm.samplesPerPixel}`,
        path,
      );
    }
  } else {
    decoded = readNative(instance, pm, nativeFrame(instance, pm, frame));
  }
  let samples = decoded.planar ? interleave(decoded.samples, pm.rows * pm.columns) : decoded.samples;
  if (!isEncapsulated(instance) && pm.photometricInterpretation === 'YBR_FULL_422') samples = upsample422(samples, pm.rows, pm.columns);
  const shift = isEncapsulated(instance) ? 0 : pm.highBit + 1 - pm.bitsStored;
  const stored = maskStored(samples, pm, shift);
  return { meta, stored, rgb: toRgb(instance, pm, stored, codecDidColour) };
}

async function decodeCompressed(instance: ParsedInstance, pm: PixelModule, encoded: Uint8Array): Promise<{ decoded: DecodedSamples; codecDidColour: boolean }> {
  const signed = pm.pixelRepresentation === 1;
  const ts = instance.transferSyntax;
  checkDeclaredSize(instance, pm, encoded);
  switch (ts.encoding) {
    case 'jpeg-baseline':
    case 'jpeg-extended': {
      const precision = jpegSize(encoded)?.precision ?? 8;
      if (precision > 8) {
        const frame = { rows: pm.rows, columns: pm.columns, samplesPerPixel: pm.samplesPerPixel, photometricInterpretation: pm.photometricInterpretation, signed, precision };
        return decodeJpeg12(encoded, frame);
      }
      // Photometric Interpretation RGB means the samples are RGB as coded, whatever libjpeg would guess
      // from the markers (GDCM and dcmtk both decide by the attribute); YBR is converted by the codec.
      if (pm.samplesPerPixel === 3 && pm.photometricInterpretation === 'RGB') {
        return { decoded: await wasmDecode('jpeg8', withoutColourTransform(encoded)), codecDidColour: false };
      }
      return { decoded: await wasmDecode('jpeg8', encoded), codecDidColour: true };
    }
    case 'jpeg-lossless':
      return { decoded: decodeJpegLossless(encoded, pm.rows, pm.columns, pm.samplesPerPixel, pm.bitsAllocated, signed), codecDidColour: false };
    case 'jpeg-ls':
      return { decoded: await wasmDecode('jpegls', encoded), codecDidColour: false };
    case 'jpeg2000':
      return { decoded: await wasmDecode('j2k', encoded), codecDidColour: true };
    case 'htj2k':
      return { decoded: await wasmDecode('htj2k', encoded), codecDidColour: true };
    case 'rle':
      return { decoded: decodeRle(encoded, pm.rows, pm.columns, pm.samplesPerPixel, pm.bitsAllocated, signed), codecDidColour: false };
    default:
      throw new DicomError(`${ts.name} is not a transfer syntax Aegis can decode`, instance.path ?? undefined);
  }
}

/** The bytes to hand the codec: for JPEG 2000 the codestream found inside the frame (see j2kCodestream). */
function codestreamOf(instance: ParsedInstance, pm: PixelModule, frameBytes: Uint8Array): Uint8Array {
  const enc = instance.transferSyntax.encoding;
  if (enc !== 'jpeg2000' && enc !== 'htj2k') return frameBytes;
  return j2kCodestream(frameBytes, pm.columns, pm.rows) ?? frameBytes;
}

/** Refuses a codestream whose own header disagrees with Rows/Columns/Samples, before decoding it. */
function checkDeclaredSize(instance: ParsedInstance, pm: PixelModule, encoded: Uint8Array): void {
  const enc = instance.transferSyntax.encoding;
  const size = enc === 'jpeg2000' || enc === 'htj2k' ? j2kSize(encoded) : enc === 'rle' ? null : jpegSize(encoded);
  if (enc !== 'rle' && !size) throw new DicomError(`${instance.transferSyntax.name} frame has no readable codestream header`, instance.path ?? undefined);
  if (size && (size.width !== pm.columns || size.height !== pm.rows || size.components !== pm.samplesPerPixel)) {
    throw new DicomError(
      `compressed frame is ${size.width}×${size.height}×${size.components}, the header says ${pm.columns}×${pm.rows}×${pm.samplesPerPixel}`,
      instance.path ?? undefined,
    );
  }
}

/** Right-aligns (`shift`), masks to Bits Stored and sign-extends into the Bits Allocated type. */
function maskStored(samples: DecodedSamples['samples'], pm: PixelModule, shift: number): StoredPixels {
  const signed = pm.pixelRepresentation === 1;
  const n = samples.length;
  const out: StoredPixels =
    pm.bitsAllocated <= 8
      ? signed ? new Int8Array(n) : new Uint8Array(n)
      : pm.bitsAllocated === 16
        ? signed ? new Int16Array(n) : new Uint16Array(n)
        : signed ? new Int32Array(n) : new Uint32Array(n);
  const bits = pm.bitsStored;
  if (bits >= 32) {
    out.set(samples);
    return out;
  }
  const mask = 2 ** bits - 1;
  const sign = 2 ** (bits - 1);
  for (let i = 0; i < n; i++) {
    const v = (samples[i]! >>> shift) & mask;
    out[i] = signed ? (v ^ sign) - sign : v;
  }
  return out;
}

function toRgb(instance: ParsedInstance, pm: PixelModule, stored: StoredPixels, codecDidColour: boolean): Uint8Array | undefined {
  const pi = pm.photometricInterpretation;
  if (pi === 'PALETTE COLOR') {
    try {
      return paletteToRgb(instance.dataSet, stored, pm.pixelRepresentation === 1);
    } catch (err) {
      throw new DicomError((err as Error).message, instance.path ?? undefined);
    }
  }
  if (pm.samplesPerPixel !== 3) return undefined;
  const isYbr = pi === 'YBR_FULL' || pi === 'YBR_FULL_422' || pi === 'YBR_PARTIAL_422';
  if (isYbr && !codecDidColour) return ybrFullToRgb(stored);
  if (pi === 'YBR_FULL' && instance.transferSyntax.encoding !== 'jpeg-baseline' && instance.transferSyntax.encoding !== 'jpeg-extended') return ybrFullToRgb(stored);
  return rgbTo8(stored, pm.bitsStored);
}

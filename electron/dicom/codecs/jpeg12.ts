/**
 * Decodes 12-bit lossy JPEG (JPEG Extended, Process 2 & 4: ITU T.81 SOF1 with sample precision 12)
 * with the IJG 12-bit library inside the dcmjs-codecs WebAssembly module. That is the IJG code
 * DCMTK's dcmdjpeg is built on, and the fixtures prove the two agree bit for bit. 8-bit JPEG stays
 * on libjpeg-turbo (wasmCodecs.ts).
 */
import { createRequire } from 'node:module';
import type { Context, NativeCodecs } from 'dcmjs-codecs';
import { viewSamples, type DecodedSamples } from './decodedSamples';

const require = createRequire(import.meta.url);

interface Jpeg12Library {
  NativeCodecs: typeof NativeCodecs;
  Context: typeof Context;
}

/** What the DICOM header says about the frame: the codec needs it to size and colour-convert. */
export interface Jpeg12Frame {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  signed: boolean;
  /** Sample precision from the codestream's SOF segment, in bits (12 for Process 4). */
  precision: number;
}

let library: Promise<Jpeg12Library> | null = null;

function load(): Promise<Jpeg12Library> {
  library ??= (async () => {
    const lib = require('dcmjs-codecs') as Jpeg12Library;
    await lib.NativeCodecs.initializeAsync({ webAssemblyModulePathOrUrl: require.resolve('dcmjs-codecs/build/dcmjs-native-codecs.wasm') });
    return lib;
  })().catch((err: unknown) => {
    library = null;
    throw err;
  });
  return library;
}

/**
 * Decodes one 12-bit JPEG Extended codestream. Samples come back as 16-bit words holding the 12-bit
 * values as stored (sign extension by Pixel Representation is the caller's). Unsigned colour is
 * converted to RGB as dcmdjpeg does by default (`codecDidColour`); the codec cannot convert signed
 * samples, so those stay as coded. Throws a plain Error with the codec's reason, and loads a fresh
 * module for the next frame: the codec reports errors by throwing through WebAssembly, which leaves
 * its stack and heap unreclaimed.
 */
export async function decodeJpeg12(encoded: Uint8Array, frame: Jpeg12Frame): Promise<{ decoded: DecodedSamples; codecDidColour: boolean }> {
  const { NativeCodecs, Context } = await load();
  const colour = frame.samplesPerPixel === 3;
  const toRgb = colour && !frame.signed;
  let bytes: Uint8Array | undefined;
  try {
    const context = new Context({
      width: frame.columns,
      height: frame.rows,
      // Always 16: the codec sizes its output by Bits Allocated but writes 16-bit samples.
      bitsAllocated: 16,
      bitsStored: frame.precision,
      samplesPerPixel: frame.samplesPerPixel,
      pixelRepresentation: frame.signed ? 1 : 0,
      planarConfiguration: 0,
      // Only colour conversion reads it; grey goes through untouched whatever the header says.
      photometricInterpretation: colour ? frame.photometricInterpretation : 'MONOCHROME2',
      encodedBuffer: encoded,
    });
    bytes = NativeCodecs.decodeJpeg(context, { convertColorspaceToRgb: toRgb }).getDecodedBuffer();
  } catch (err) {
    library = null;
    throw new Error(codecMessage(err), { cause: err });
  }
  const expected = frame.rows * frame.columns * frame.samplesPerPixel * 2;
  if (!bytes || bytes.length !== expected) throw new Error(`decoder returned ${bytes?.length ?? 0} bytes, expected ${expected}`);
  const samples = viewSamples(bytes, 16, false);
  return { decoded: { width: frame.columns, height: frame.rows, components: frame.samplesPerPixel, samples, planar: false }, codecDidColour: toRgb };
}

/** The codec's reason without its C++ scope prefix ("JpegDecoder12::ErrorExit::Not a JPEG file…"). */
function codecMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^(?:\w+::)+/, '');
}

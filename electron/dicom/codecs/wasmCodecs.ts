/**
 * Loads the @cornerstonejs WebAssembly decoders in Node (each package ships an Emscripten factory
 * that finds its .wasm beside itself) and runs one decode, turning any codec failure into words.
 */
import { createRequire } from 'node:module';
import type { DecodedSamples } from './decodedSamples';
import { viewSamples } from './decodedSamples';

const require = createRequire(import.meta.url);

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}
interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getInterleaveMode?(): number;
  delete(): void;
}
type WasmModule = Record<string, new () => WasmDecoder>;

/** The four decoders: package entry and class name. */
const CODECS = {
  jpeg8: ['@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs', 'JPEGDecoder'],
  jpegls: ['@cornerstonejs/codec-charls/decodewasmjs', 'JpegLSDecoder'],
  j2k: ['@cornerstonejs/codec-openjpeg/decodewasmjs', 'J2KDecoder'],
  htj2k: ['@cornerstonejs/codec-openjph/wasmjs', 'HTJ2KDecoder'],
} as const;

/** Name of one of the WebAssembly codecs. */
export type WasmCodecName = keyof typeof CODECS;

const modules = new Map<WasmCodecName, Promise<WasmModule>>();

function load(name: WasmCodecName): Promise<WasmModule> {
  let m = modules.get(name);
  if (!m) {
    const factory = require(CODECS[name][0]) as (opts: object) => Promise<WasmModule>;
    // Emscripten prints OpenJPEG's [INFO] lines to stdout unless told otherwise. Each module needs its
    // own options object: embind registers classes on it, and a shared one makes modules collide.
    m = factory({ print: () => undefined, printErr: () => undefined });
    modules.set(name, m);
  }
  return m;
}

/**
 * Decodes one compressed frame with a WebAssembly codec. Output samples are little-endian integers,
 * `bitsPerSample` wide as the codec reports. Throws a plain Error with the codec's reason; the module
 * is reloaded afterwards because an aborted Emscripten module cannot be trusted.
 */
export async function wasmDecode(name: WasmCodecName, encoded: Uint8Array): Promise<DecodedSamples> {
  const mod = await load(name);
  const decoder = new mod[CODECS[name][1]]!();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    const bits = info.bitsPerSample;
    const samples = viewSamples(decoder.getDecodedBuffer(), bits, info.isSigned === true);
    const expected = info.width * info.height * info.componentCount;
    if (samples.length < expected) throw new Error(`decoder returned ${samples.length} samples, expected ${expected}`);
    // CharLS keeps the stream's interleave: 0 means one plane per component.
    const planar = info.componentCount > 1 && decoder.getInterleaveMode?.() === 0;
    return { width: info.width, height: info.height, components: info.componentCount, samples, planar };
  } catch (err) {
    modules.delete(name);
    throw new Error(codecMessage(err), { cause: err });
  } finally {
    try {
      decoder.delete();
    } catch {
      // The module aborted; it is already dropped above.
    }
  }
}

function codecMessage(err: unknown): string {
  if (typeof err === 'number') return 'the codec rejected the data';
  if (err instanceof Error) return err.message;
  return String(err);
}

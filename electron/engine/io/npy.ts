/**
 * NumPy `.npy` files (format versions 1.0, 2.0 and 3.0), read and written without Python.
 * Format: numpy/lib/format.py — magic `\x93NUMPY`, version, header length (uint16 in v1, uint32 in
 * v2/v3), an ASCII (v3: UTF-8) Python dict literal `{'descr': …, 'fortran_order': …, 'shape': (…), }`
 * padded with spaces and a newline so the data starts on a 64-byte boundary, then the raw data in C order.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../base/atomicWrite';

/** Element types Aegis reads and writes. */
export type NpyDtype = 'float32' | 'float64' | 'int64' | 'int32' | 'int16' | 'uint16' | 'int8' | 'uint8';

/** The typed array holding each dtype (int64 is a BigInt64Array: values are not silently rounded). */
export type NpyData =
  | Float32Array
  | Float64Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** An n-dimensional array in C (row-major) order; `data` is in native (little-endian) byte order. */
export interface NpyArray {
  data: NpyData;
  shape: number[];
  dtype: NpyDtype;
}

interface DtypeInfo {
  code: string; // kind + size, as in descr without the byte-order character
  size: number;
  array: new (buffer: ArrayBuffer) => NpyData;
}

const DTYPES: Record<NpyDtype, DtypeInfo> = {
  float32: { code: 'f4', size: 4, array: Float32Array },
  float64: { code: 'f8', size: 8, array: Float64Array },
  int64: { code: 'i8', size: 8, array: BigInt64Array },
  int32: { code: 'i4', size: 4, array: Int32Array },
  int16: { code: 'i2', size: 2, array: Int16Array },
  uint16: { code: 'u2', size: 2, array: Uint16Array },
  int8: { code: 'i1', size: 1, array: Int8Array },
  uint8: { code: 'u1', size: 1, array: Uint8Array },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function dtypeOfData(data: NpyData): NpyDtype {
  const entry = (Object.entries(DTYPES) as [NpyDtype, DtypeInfo][]).find(([, d]) => data instanceof d.array);
  return entry ? entry[0] : 'uint8';
}

function parseDescr(descr: string, name: string): { dtype: NpyDtype; bigEndian: boolean } {
  const m = /^([<>|=])([fiu]\d+)$/.exec(descr);
  const entry = m && (Object.entries(DTYPES) as [NpyDtype, DtypeInfo][]).find(([, d]) => d.code === m[2]);
  if (!m || !entry) {
    const known = Object.keys(DTYPES).join(', ');
    throw new Error(`${name}: unsupported .npy dtype '${descr}'; Aegis reads ${known}`);
  }
  return { dtype: entry[0], bigEndian: m[1] === '>' };
}

function parseHeader(header: string, name: string): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shape) {
    throw new Error(`${name}: .npy header is not a dict with descr, fortran_order and shape: ${header.trim()}`);
  }
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: .npy shape has a bad dimension '${s}'`);
      return n;
    });
  return { descr: descr[1], fortran: fortran[1] === 'True', shape: dims };
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/**
 * Decodes the bytes of a `.npy` file. `name` is used in error messages (e.g. the file path).
 * Fortran-ordered arrays and structured/object dtypes are refused with a message saying so.
 */
export function parseNpy(bytes: Uint8Array, name = 'array'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error(`${name}: not a NumPy .npy file (missing the \\x93NUMPY magic)`);
  }
  const major = bytes[6];
  if (major < 1 || major > 3) throw new Error(`${name}: .npy format version ${major}.${bytes[7]} is not supported (1–3)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw new Error(`${name}: .npy file truncated inside its header`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes;
  if (bytes.length < start + headerLen) throw new Error(`${name}: .npy file truncated inside its header`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const parsed = parseHeader(header, name);
  const { dtype, bigEndian } = parseDescr(parsed.descr, name);
  const count = parsed.shape.reduce((a, b) => a * b, 1);
  if (parsed.fortran && parsed.shape.filter((d) => d > 1).length > 1) {
    throw new Error(`${name}: .npy array is in Fortran order; save it with np.ascontiguousarray(a) first`);
  }
  const info = DTYPES[dtype];
  const dataStart = start + headerLen;
  const needed = count * info.size;
  if (bytes.length - dataStart < needed) {
    throw new Error(
      `${name}: .npy data is ${bytes.length - dataStart} bytes, expected ${needed} for shape (${parsed.shape.join(', ')}) ${dtype} — file truncated`,
    );
  }
  const copy = new Uint8Array(needed); // aligned copy (Buffer#slice would share memory)
  copy.set(bytes.subarray(dataStart, dataStart + needed));
  if (info.size > 1 && bigEndian !== isBigEndianHost()) swapBytes(copy, info.size);
  return { data: new info.array(copy.buffer), shape: parsed.shape, dtype };
}

/**
 * Encodes an array as `.npy` bytes: little-endian, C order, version 1.0 (2.0 when the header
 * needs more than 65535 bytes). The dtype is taken from the typed array's class.
 */
export function encodeNpy(array: { data: NpyData; shape: readonly number[] }): Uint8Array {
  const dtype = dtypeOfData(array.data);
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) {
    throw new Error(`cannot write .npy: shape (${array.shape.join(', ')}) holds ${count} values, data has ${array.data.length}`);
  }
  const info = DTYPES[dtype];
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  const dict = `{'descr': '${info.size === 1 ? '|' : '<'}${info.code}', 'fortran_order': False, 'shape': ${shape}, }`;
  let major = 1;
  let prefix = 10;
  if (dict.length + 1 + prefix > 65535 + 10) {
    major = 2;
    prefix = 12;
  }
  const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - prefix - 1, ' ') + '\n';
  const out = new Uint8Array(total + count * info.size);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  const src = new Uint8Array(array.data.buffer, array.data.byteOffset, count * info.size);
  out.set(src, total);
  if (isBigEndianHost()) swapBytes(out.subarray(total), info.size);
  return out;
}

function isBigEndianHost(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;
}

/** Reads a `.npy` file from disk; errors name the path. */
export async function readNpy(path: string): Promise<NpyArray> {
  return parseNpy(await readFile(path), path);
}

/** Writes a `.npy` file durably with the base room's atomic writer (fsync'd, then renamed into place). */
export async function writeNpy(path: string, array: { data: NpyData; shape: readonly number[] }): Promise<void> {
  writeFileAtomic(path, encodeNpy(array));
}

/** Converts any NpyArray's values to float32 (int64 via Number; exact up to 2^24 in magnitude). */
export function npyToFloat32(array: NpyArray): Float32Array {
  if (array.data instanceof Float32Array) return array.data;
  const out = new Float32Array(array.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(array.data[i]);
  return out;
}

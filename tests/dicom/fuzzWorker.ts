// Fuzz worker: applies a fixed, seeded number of mutations to valid DICOM files and reads each one
// the ways the app does — full parse, tag tree and decode (the viewer), header-only parse and
// readHeader from a file (indexing) — reporting each case before running it so the parent can name
// the case that hangs or runs out of memory. Anything thrown other than a DicomError is a finding.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeFrame, DicomError, parseInstance, pixelModule, readHeader, tagTree } from '../../electron/dicom';
import { prng } from '../fixtures/dicom/syntheticImage';
import { elementsOf, type ElementSpan } from './fuzzElements';

const { seeds, count, seed } = workerData as { seeds: string[]; count: number; seed: number };
const files = seeds.map((p) => {
  const bytes = new Uint8Array(readFileSync(p));
  return { p, bytes, elements: elementsOf(bytes) };
});
const rand = prng(seed);
const pick = (n: number) => Math.floor(rand() * n);
const work = mkdtempSync(join(tmpdir(), 'aegis-fuzz-'));

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at), 0);
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

/** An explicit-VR little-endian element header: tag, VR, and a 2- or 4-byte length. */
function header(group: number, element: number, vr: string, length: number): Uint8Array {
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  const h = new Uint8Array(long ? 12 : 8);
  const v = new DataView(h.buffer);
  v.setUint16(0, group, true);
  v.setUint16(2, element, true);
  h[4] = vr.charCodeAt(0);
  h[5] = vr.charCodeAt(1);
  if (long) v.setUint32(8, length, true);
  else v.setUint16(6, length, true);
  return h;
}

/** `depth` sequences of undefined length nested one in another, each in an undefined-length item. */
function deepSequence(depth: number): Uint8Array {
  const open = [...header(0x0009, 0x1010, 'SQ', 0xffffffff), 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
  const close = [0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];
  const out: number[] = [];
  for (let i = 0; i < depth; i++) out.push(...open);
  for (let i = 0; i < depth; i++) out.push(...close);
  return Uint8Array.from(out);
}

/** Wording of dicom-parser, pako, libjpeg, CharLS, OpenJPEG and JS runtime errors: never in a DicomError. */
const LIBRARY_TEXT =
  /dicomParser|parseDicom|readFixedString|buffer overrun|Bogus|Huffman|IOException|getn\(|SOS marker|codec rejected|invalid (distance|literal|code)|buffer error|Cannot read|undefined|NaN|TypeError|RangeError|call stack/;

const HOSTILE_LENGTHS = [0, 1, 3, 0xffff, 0xfffe, 0x7fffffff, 0xfffffffe, 0xffffffff];

/** One mutation: byte-level, a real length field, or structural (elements deleted, duplicated, swapped, inserted). */
function mutate(src: Uint8Array, elements: ElementSpan[]): { bytes: Uint8Array; what: string } {
  const b = src.slice();
  const el = elements.length ? elements[pick(elements.length)]! : null;
  const kind = pick(11);
  if (kind === 0) {
    const n = 1 + pick(8);
    for (let k = 0; k < n; k++) b[pick(b.length)] ^= 1 << pick(8);
    return { bytes: b, what: `${n} bit flips` };
  }
  if (kind === 1) {
    const at = pick(b.length);
    for (let k = 0; k < 4; k++) b[at + k] = pick(256);
    return { bytes: b, what: `random bytes at ${at}` };
  }
  if (kind === 2) {
    const at = pick(b.length);
    b.fill(rand() < 0.5 ? 0xff : 0, at, at + 1 + pick(16));
    return { bytes: b, what: `fill at ${at}` };
  }
  if (kind === 3) {
    const len = pick(b.length);
    return { bytes: b.subarray(0, len), what: `truncated to ${len}` };
  }
  if (!el) return { bytes: b, what: 'unchanged (no elements found)' };
  if (kind === 4 || kind === 5) {
    // A real length field, set to a hostile value or off by a little from the true one.
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const value = kind === 4 ? HOSTILE_LENGTHS[pick(HOSTILE_LENGTHS.length)]! : Math.max(0, el.length + [-2, -1, 1, 2, el.length][pick(5)]!);
    if (el.lengthSize === 2) view.setUint16(el.lengthAt, value & 0xffff, true);
    else view.setUint32(el.lengthAt, value >>> 0, true);
    return { bytes: b, what: `length of ${el.tag} set to ${value}` };
  }
  if (kind === 6) return { bytes: splice(b, el.start, el.end - el.start), what: `${el.tag} deleted` };
  if (kind === 7) return { bytes: splice(b, el.end, 0, src.slice(el.start, el.end)), what: `${el.tag} duplicated` };
  if (kind === 8) {
    const next = elements.find((e) => e.start === el.end);
    if (!next) return { bytes: splice(b, el.start, el.end - el.start), what: `${el.tag} deleted (last)` };
    const swapped = new Uint8Array([...src.subarray(next.start, next.end), ...src.subarray(el.start, el.end)]);
    return { bytes: splice(b, el.start, next.end - el.start, swapped), what: `${el.tag} and ${next.tag} swapped` };
  }
  if (kind === 9) {
    // A 70 KB private element: the header no longer fits readHeader's first 64 KiB.
    const size = 70_000;
    const big = new Uint8Array([...header(0x0009, 0x1011, 'OB', size), ...new Uint8Array(size).fill(0x41)]);
    return { bytes: splice(b, el.start, 0, big), what: `70 KB element before ${el.tag}` };
  }
  const depth = [50, 500, 5000][pick(3)]!;
  return { bytes: splice(b, el.start, 0, deepSequence(depth)), what: `sequences nested ${depth} deep before ${el.tag}` };
}

async function readAllWays(bytes: Uint8Array, _file: string): Promise<void> {
  const inst = parseInstance(bytes, { path: 'fuzz.dcm' });
  tagTree(inst);
  const frames = Math.min(pixelModule(inst).numberOfFrames, 4);
  for (let fr = 0; fr < frames; fr++) await decodeFrame(inst, fr);
}

async function readHeaderWays(bytes: Uint8Array, file: string): Promise<void> {
  parseInstance(bytes, { path: 'fuzz.dcm', headerOnly: true });
  writeFileSync(file, bytes);
  await readHeader(file);
}

for (let i = 0; i < count; i++) {
  const f = files[i % files.length]!;
  const { bytes, what } = mutate(f.bytes, f.elements);
  const desc = `case ${i}, ${f.p.split('/').pop()}: ${what}`;
  parentPort!.postMessage({ type: 'case', i, desc });
  for (const read of [readAllWays, readHeaderWays]) {
    try {
      await read(bytes, join(work, 'case.dcm'));
    } catch (err) {
      if (err instanceof DicomError && LIBRARY_TEXT.test(err.reason)) {
        parentPort!.postMessage({ type: 'finding', desc: `${desc} (${read.name})`, error: `library text in a DicomError: ${err.reason}` });
      } else if (!(err instanceof DicomError)) {
        parentPort!.postMessage({ type: 'finding', desc: `${desc} (${read.name})`, error: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err) });
      }
    }
  }
}
rmSync(work, { recursive: true, force: true });
parentPort!.postMessage({ type: 'done', iterations: count, heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) });

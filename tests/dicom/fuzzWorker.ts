// Fuzz worker: mutates valid DICOM files and reads them, reporting each case before running it so
// the parent can name the case that hangs. Anything thrown other than a DicomError is a finding.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeFrame, DicomError, parseInstance, pixelModule, tagTree } from '../../electron/dicom';
import { prng } from '../fixtures/dicom/syntheticImage';

const { seeds, millis, seed } = workerData as { seeds: string[]; millis: number; seed: number };
const files = seeds.map((p) => ({ p, bytes: new Uint8Array(readFileSync(p)) }));
const rand = prng(seed);
const pick = (n: number) => Math.floor(rand() * n);

/** One random mutation: flips, random bytes, 0xFF/0x00 runs, truncation, or a corrupted length field. */
function mutate(src: Uint8Array): { bytes: Uint8Array; what: string } {
  const b = src.slice();
  const kind = pick(5);
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
  // A length field: in the header area, overwrite 2 or 4 bytes with a large or odd number.
  const at = 132 + pick(Math.max(1, Math.min(b.length, 600) - 136));
  const v = [0xffff, 0xfffe, 1, 3, 0x7fff, 0][pick(6)]!;
  b[at] = v & 0xff;
  b[at + 1] = v >> 8;
  return { bytes: b, what: `length-like ${v} at ${at}` };
}

const deadline = Date.now() + millis;
let i = 0;
while (Date.now() < deadline) {
  const f = files[i % files.length]!;
  const { bytes, what } = mutate(f.bytes);
  const desc = `${f.p.split('/').pop()}: ${what}`;
  parentPort!.postMessage({ type: 'case', i, desc });
  try {
    const inst = parseInstance(bytes, { path: 'fuzz.dcm' });
    tagTree(inst);
    const frames = Math.min(pixelModule(inst).numberOfFrames, 4);
    for (let fr = 0; fr < frames; fr++) await decodeFrame(inst, fr);
  } catch (err) {
    if (!(err instanceof DicomError)) {
      parentPort!.postMessage({ type: 'finding', desc, error: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err) });
    }
  }
  i++;
}
parentPort!.postMessage({ type: 'done', iterations: i });

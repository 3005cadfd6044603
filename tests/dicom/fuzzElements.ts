// Where the top-level elements of a little-endian DICOM file lie (tag, length field, value end), so
// the fuzzer can mutate real length fields and move whole elements. Big endian and deflated files
// give no elements (their mutations stay byte-level); the walk stops at the first undefined length.

/** One element of the file: byte offsets in the file. */
export interface ElementSpan {
  /** "(GGGG,EEEE)". */
  tag: string;
  start: number;
  /** Offset of the length field and its size in bytes (2 or 4). */
  lengthAt: number;
  lengthSize: 2 | 4;
  /** The declared value length. */
  length: number;
  /** Offset just past the value. */
  end: number;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'UV']);
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** The top-level elements of `bytes` after any meta header, in file order. */
export function elementsOf(bytes: Uint8Array): ElementSpan[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 0;
  if (bytes.length > 144 && ascii(bytes, 128, 4) === 'DICM') {
    const metaLength = view.getUint32(140, true);
    const meta = ascii(bytes, 132, Math.min(metaLength + 12, bytes.length - 132));
    if (meta.includes('1.2.840.10008.1.2.1.99') || meta.includes('1.2.840.10008.1.2.2\0') || /1\.2\.840\.10008\.1\.2\.2[^.\d]/.test(meta)) return [];
    p = 144 + metaLength;
  }
  const explicit = /^[A-Z]{2}$/.test(ascii(bytes, p + 4, 2));
  const out: ElementSpan[] = [];
  while (p + 8 <= bytes.length) {
    const group = view.getUint16(p, true);
    const element = view.getUint16(p + 2, true);
    const tag = `(${group.toString(16).padStart(4, '0')},${element.toString(16).padStart(4, '0')})`.toUpperCase();
    let lengthAt: number;
    let lengthSize: 2 | 4;
    if (explicit && LONG_VRS.has(ascii(bytes, p + 4, 2))) [lengthAt, lengthSize] = [p + 8, 4];
    else if (explicit) [lengthAt, lengthSize] = [p + 6, 2];
    else [lengthAt, lengthSize] = [p + 4, 4];
    if (lengthAt + lengthSize > bytes.length) break;
    const length = lengthSize === 2 ? view.getUint16(lengthAt, true) : view.getUint32(lengthAt, true);
    if (length === 0xffffffff) break;
    const end = lengthAt + lengthSize + length;
    if (end > bytes.length) break;
    out.push({ tag, start: p, lengthAt, lengthSize, length, end });
    p = end;
  }
  return out;
}

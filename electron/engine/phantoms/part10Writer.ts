/**
 * A minimal DICOM Part 10 writer for the synthetic originals: 128-byte preamble, "DICM", the File
 * Meta group (0002) with its group length, then the data set in Explicit VR Little Endian
 * (transfer syntax 1.2.840.10008.1.2.1, PS3.5 §7.1.2), elements sorted by tag, values padded to an
 * even length (UI with NUL, text with space). Sequences can only be written empty (Type 2 attributes).
 */

/** One element: tag as 0xGGGGEEEE, its VR and a value (string(s), number(s) or raw bytes). */
export interface Element {
  tag: number;
  vr: 'AE' | 'CS' | 'DA' | 'DS' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'TM' | 'UI' | 'US' | 'SS' | 'OB' | 'OW' | 'SQ';
  value: string | string[] | number | Uint8Array | Uint16Array;
}

const LONG_VR = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);
const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';
/** Implementation Class UID of the writer (2.25 + a fixed UUID integer). */
const IMPLEMENTATION_UID = '2.25.302311432217463781659917227396215390541';

function valueBytes(el: Element): Uint8Array {
  const v = el.value;
  if (el.vr === 'SQ') {
    if (!(v instanceof Uint8Array) || v.length) throw new Error(`DICOM writer: only empty sequences are supported (${el.tag.toString(16)})`);
    return v;
  }
  if (v instanceof Uint16Array) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof Uint8Array) return v;
  if (el.vr === 'US' || el.vr === 'SS') {
    const b = new Uint8Array(2);
    if (el.vr === 'US') new DataView(b.buffer).setUint16(0, Number(v), true);
    else new DataView(b.buffer).setInt16(0, Number(v), true);
    return b;
  }
  const text = Array.isArray(v) ? v.join('\\') : String(v);
  return new TextEncoder().encode(text);
}

function encodeElement(el: Element): Uint8Array {
  let bytes = valueBytes(el);
  if (bytes.length % 2) {
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    padded[bytes.length] = el.vr === 'UI' || el.vr === 'OB' ? 0 : 0x20;
    bytes = padded;
  }
  const long = LONG_VR.has(el.vr);
  const head = new Uint8Array(long ? 12 : 8);
  const dv = new DataView(head.buffer);
  dv.setUint16(0, el.tag >>> 16, true);
  dv.setUint16(2, el.tag & 0xffff, true);
  head[4] = el.vr.charCodeAt(0);
  head[5] = el.vr.charCodeAt(1);
  if (long) dv.setUint32(8, bytes.length, true);
  else if (bytes.length > 0xffff) throw new Error(`DICOM writer: value of (${el.tag.toString(16)}) is ${bytes.length} bytes, too long for VR ${el.vr}`);
  else dv.setUint16(6, bytes.length, true);
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head);
  out.set(bytes, head.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Encodes a data set as a DICOM Part 10 file in Explicit VR Little Endian.
 * @param sopClassUid written to (0002,0002) and expected in the data set as (0008,0016).
 */
export function writePart10(dataset: Element[], sopClassUid: string, sopInstanceUid: string): Uint8Array {
  const sorted = [...dataset].sort((a, b) => a.tag - b.tag);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].tag === sorted[i - 1].tag) throw new Error(`DICOM writer: tag ${sorted[i].tag.toString(16)} given twice`);
  }
  if (sorted.some((e) => e.tag >>> 16 === 0x0002)) throw new Error('DICOM writer: group 0002 is written by the writer itself');
  const meta = concat(
    [
      { tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) },
      { tag: 0x00020002, vr: 'UI', value: sopClassUid },
      { tag: 0x00020003, vr: 'UI', value: sopInstanceUid },
      { tag: 0x00020010, vr: 'UI', value: EXPLICIT_VR_LE },
      { tag: 0x00020012, vr: 'UI', value: IMPLEMENTATION_UID },
      { tag: 0x00020013, vr: 'SH', value: 'AEGIS_PHANTOM' },
    ].map((e) => encodeElement(e as Element)),
  );
  return concat([
    new Uint8Array(128),
    new TextEncoder().encode('DICM'),
    encodeUL(0x00020000, meta.length),
    meta,
    ...sorted.map(encodeElement),
  ]);
}

function encodeUL(tag: number, value: number): Uint8Array {
  const b = new Uint8Array(12);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, tag >>> 16, true);
  dv.setUint16(2, tag & 0xffff, true);
  b[4] = 0x55; // 'U'
  b[5] = 0x4c; // 'L'
  dv.setUint16(6, 4, true);
  dv.setUint32(8, value, true);
  return b;
}

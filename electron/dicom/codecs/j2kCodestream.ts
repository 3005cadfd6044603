/**
 * The JPEG 2000 codestream inside a frame's bytes, as GDCM finds it (issue #13): a conformant frame
 * is the bare codestream (SOC, then SIZ), but some writers wrap it in a JP2 file (GDCM's
 * GDCMJ2K_TextGBR.dcm) or put other bytes before it, and one known writer left the sequence
 * delimitation tag (FFFE,E0DD) over the first bytes of SIZ (pydicom's
 * JPEG2000-embedded-sequence-delimiter.dcm), which makes the image 3,722,445,056 pixels wide.
 */
import { j2kSize } from './codestreamSize';

const SOC_SIZ = [0xff, 0x4f, 0xff, 0x51];
const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
/** How far into a frame leading bytes are looked through for the codestream, in bytes. */
const MAX_LEADING_BYTES = 64 * 1024;
/** The sequence delimitation tag (FFFE,E0DD) as it lies in little-endian DICOM bytes. */
const SEQUENCE_DELIMITER = [0xfe, 0xff, 0xdd, 0xe0];

function startsWith(b: Uint8Array, at: number, pattern: number[]): boolean {
  return pattern.every((v, i) => b[at + i] === v);
}

/** The payload of the JP2 file's contiguous-codestream box ('jp2c'), or null. */
function jp2Codestream(b: Uint8Array): Uint8Array | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 0;
  while (p + 8 <= b.length) {
    let length = view.getUint32(p);
    let header = 8;
    if (length === 1) {
      if (p + 16 > b.length) return null;
      length = Number(view.getBigUint64(p + 8));
      header = 16;
    } else if (length === 0) {
      length = b.length - p;
    }
    if (length < header) return null;
    if (b[p + 4] === 0x6a && b[p + 5] === 0x70 && b[p + 6] === 0x32 && b[p + 7] === 0x63) {
      return b.subarray(p + header, Math.min(b.length, p + length));
    }
    p += length;
  }
  return null;
}

/**
 * The codestream to decode: `frame` itself, the 'jp2c' box of a JP2 wrapper, or the bytes from the
 * first SOC+SIZ within the first 64 KiB; a SIZ carrying the stray delimiter tag is repaired when
 * the repair gives exactly the image size DICOM states (`columns` × `rows`).
 * @returns the codestream, or null when none is found (the caller reports it).
 */
export function j2kCodestream(frame: Uint8Array, columns: number, rows: number): Uint8Array | null {
  let cs: Uint8Array | null = null;
  if (startsWith(frame, 0, SOC_SIZ)) cs = frame;
  else if (startsWith(frame, 0, JP2_SIGNATURE)) cs = jp2Codestream(frame);
  else {
    const limit = Math.min(frame.length - 4, MAX_LEADING_BYTES);
    for (let i = 1; i <= limit && !cs; i++) if (frame[i] === 0xff && startsWith(frame, i, SOC_SIZ)) cs = frame.subarray(i);
  }
  if (!cs || !startsWith(cs, 0, SOC_SIZ)) return null;
  const size = j2kSize(cs);
  if (size && (size.width !== columns || size.height !== rows) && startsWith(cs, 6, SEQUENCE_DELIMITER)) {
    // Rsiz (2 bytes) and the high half of Xsiz were overwritten: both are 0 for images under 65,536 wide.
    const repaired = cs.slice();
    repaired.fill(0, 6, 10);
    const fixed = j2kSize(repaired);
    if (fixed && fixed.width === columns && fixed.height === rows) return repaired;
  }
  return cs;
}

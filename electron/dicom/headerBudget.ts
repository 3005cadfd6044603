/**
 * A bound on the work a header may ask for (issue #13). dicom-parser builds an object per element
 * and per sequence item, synchronously: 10 MB of empty sequence items held the event loop for about
 * 10 s, a million tiny elements for over 1 s. Before handing a data set to it, one allocation-free
 * pass counts its elements and items (nested ones too) up to Pixel Data, and a data set with more
 * than any real file holds is refused in plain words.
 */
import { vrOf } from './dictionary';

/** Elements plus sequence items a data set may hold before Pixel Data: real files hold a few thousand, an enhanced multi-frame file about 25 per frame (so 16,000 frames fit); parsing this many takes a few tenths of a second. */
export const MAX_HEADER_ELEMENTS = 400_000;

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'UV']);
const ITEM = 0xe000;
const ITEM_END = 0xe00d;
const SEQUENCE_END = 0xe0dd;
const UNDEFINED = 0xffffffff;

function tagString(group: number, element: number): string {
  return `x${group.toString(16).padStart(4, '0')}${element.toString(16).padStart(4, '0')}`;
}

/**
 * Counts the elements and items of a little-endian data set (`explicit` VR or implicit), nested
 * ones included, stopping at top-level Pixel Data, at the end, at anything malformed (the parser
 * then reports it) or once the count passes `limit`.
 * @returns the count, at most `limit` + 1.
 */
export function countElements(bytes: Uint8Array, explicit: boolean, limit: number = MAX_HEADER_ELEMENTS): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  let p = 0;
  let depth = 0;
  while (p + 8 <= bytes.length && count <= limit) {
    const group = view.getUint16(p, true);
    const element = view.getUint16(p + 2, true);
    if (group === 0xfffe) {
      // Item, item end or sequence end: an 8-byte header; an item's content is walked as elements.
      count++;
      p += 8;
      if (element === SEQUENCE_END) depth = Math.max(0, depth - 1);
      else if (element !== ITEM && element !== ITEM_END) break;
      continue;
    }
    if (depth === 0 && group === 0x7fe0 && element === 0x0010) break;
    count++;
    let vr: string;
    let length: number;
    let header: number;
    if (explicit) {
      vr = String.fromCharCode(bytes[p + 4]!, bytes[p + 5]!);
      if (LONG_VRS.has(vr)) {
        if (p + 12 > bytes.length) break;
        length = view.getUint32(p + 8, true);
        header = 12;
      } else {
        length = view.getUint16(p + 6, true);
        header = 8;
      }
    } else {
      vr = vrOf(tagString(group, element));
      length = view.getUint32(p + 4, true);
      header = 8;
    }
    if (length === UNDEFINED) {
      // An undefined-length sequence (or UN/OB holding one): its items follow inline.
      depth++;
      p += header;
    } else if (vr === 'SQ') {
      // A defined-length sequence: walk into its items as well.
      p += header;
    } else {
      p += header + length;
    }
  }
  return count;
}

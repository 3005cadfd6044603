/**
 * Reads the image size a JPEG / JPEG-LS (SOFn, ITU T.81 B.2.2) or JPEG 2000 / HTJ2K (SIZ, ISO 15444-1
 * A.5.1) codestream declares, so a damaged header is refused before a decoder allocates or loops
 * over an image of the wrong size.
 */

/** Size and precision from a codestream header; null when no header is found. */
export interface CodestreamSize {
  width: number;
  height: number;
  components: number;
  precision: number;
}

/** Parses the JPEG-family frame header (SOF0–SOF15 except DHT/JPG/DAC, and JPEG-LS SOF55). */
export function jpegSize(b: Uint8Array): CodestreamSize | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const isSof = (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7;
    if (isSof) {
      return { precision: b[i + 4]!, height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]!, components: b[i + 9]! };
    }
    if (marker === 0xda) return null;
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  return null;
}

/** Parses the JPEG 2000 SIZ segment that follows SOC. */
export function j2kSize(b: Uint8Array): CodestreamSize | null {
  if (b.length < 42 || b[0] !== 0xff || b[1] !== 0x4f || b[2] !== 0xff || b[3] !== 0x51) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = v.getUint32(8) - v.getUint32(16);
  const height = v.getUint32(12) - v.getUint32(20);
  const components = v.getUint16(40);
  const precision = b.length > 42 ? (b[42]! & 0x7f) + 1 : 0;
  return { width, height, components, precision };
}

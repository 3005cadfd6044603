/** DICOM transfer syntaxes Aegis reads (PS3.5 §10 and Annex A), keyed by UID. */

/** How a transfer syntax stores pixels; `native` means uncompressed. */
export type PixelEncoding =
  | 'native'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000'
  | 'htj2k'
  | 'rle'
  | 'unsupported';

/** What one transfer syntax means for reading: byte order, VR explicitness, deflate, pixel codec. */
export interface TransferSyntaxInfo {
  uid: string;
  name: string;
  littleEndian: boolean;
  explicitVr: boolean;
  deflated: boolean;
  encoding: PixelEncoding;
  /** True when the codec may lose information (lossy JPEG, JPEG-LS near-lossless, JPEG 2000 irreversible). */
  mayBeLossy: boolean;
}

const TABLE: [string, string, PixelEncoding, boolean][] = [
  ['1.2.840.10008.1.2', 'Implicit VR Little Endian', 'native', false],
  ['1.2.840.10008.1.2.1', 'Explicit VR Little Endian', 'native', false],
  ['1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', 'native', false],
  ['1.2.840.10008.1.2.2', 'Explicit VR Big Endian', 'native', false],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg-baseline', true],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', 'jpeg-extended', true],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless (Process 14)', 'jpeg-lossless', false],
  ['1.2.840.10008.1.2.4.70', 'JPEG Lossless SV1 (Process 14, predictor 1)', 'jpeg-lossless', false],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', 'jpeg-ls', false],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless', 'jpeg-ls', true],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 Lossless', 'jpeg2000', false],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000', 'jpeg2000', true],
  ['1.2.840.10008.1.2.4.201', 'HTJ2K Lossless', 'htj2k', false],
  ['1.2.840.10008.1.2.4.202', 'HTJ2K Lossless RPCL', 'htj2k', false],
  ['1.2.840.10008.1.2.4.203', 'HTJ2K', 'htj2k', true],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', 'rle', false],
];

/** Every supported transfer syntax by UID. */
export const TRANSFER_SYNTAXES: ReadonlyMap<string, TransferSyntaxInfo> = new Map(
  TABLE.map(([uid, name, encoding, mayBeLossy]) => [
    uid,
    {
      uid,
      name,
      encoding,
      mayBeLossy,
      littleEndian: uid !== '1.2.840.10008.1.2.2',
      explicitVr: uid !== '1.2.840.10008.1.2',
      deflated: uid === '1.2.840.10008.1.2.1.99',
    },
  ]),
);

/**
 * Looks up a transfer syntax; an unknown UID still parses as Explicit VR Little Endian (every
 * encapsulated syntax does) but its pixels are `unsupported`.
 */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo {
  return (
    TRANSFER_SYNTAXES.get(uid) ?? {
      uid,
      // A damaged UID holds arbitrary bytes: name it only when it is a UID's digits and dots.
      name: /^[0-9.]{1,64}$/.test(uid) ? `unknown transfer syntax ${uid}` : 'an unreadable transfer syntax UID',
      littleEndian: true,
      explicitVr: true,
      deflated: false,
      encoding: 'unsupported',
      mayBeLossy: true,
    }
  );
}

/** UID of Explicit VR Little Endian, the syntax Aegis writes. */
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';
/** UID of Implicit VR Little Endian, the default when a file names none. */
export const IMPLICIT_LE = '1.2.840.10008.1.2';
/** UID of the retired Explicit VR Big Endian. */
export const EXPLICIT_BE = '1.2.840.10008.1.2.2';
/** UID of Deflated Explicit VR Little Endian. */
export const DEFLATED_LE = '1.2.840.10008.1.2.1.99';

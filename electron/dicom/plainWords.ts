/**
 * What a reader of a DicomError is told when a library (dicom-parser, pako, the image codecs)
 * trips over a file: plain words about the file that the user can act on, never the library's own
 * text ("dicomParser:parseDicomDataSetExplicit: buffer overrun", "Bogus Huffman table definition",
 * "invalid distance too far back"), which named internals and changed with library versions
 * (issue #13: 68 messages wrapped such text).
 */

/** Library wording, by what it means for the file. First match wins. */
const MEANINGS: [RegExp, string][] = [
  [/Maximum call stack size exceeded/, 'its sequences are nested too deeply to read'],
  [/read past end|buffer overrun|past the end|beyond the end|out of range|outside the bounds|Offset is outside|premature end|unexpected end|ends? early/i, 'the data ends in the middle of an element'],
  [/invalid (distance|literal|code|block|stored)|buffer error|incorrect header check|too many length or distance|inflate|deflate/i, 'its compressed data set is damaged'],
  [/item|delimit|sequence|fragment/i, 'its sequences or items are malformed'],
];

/** The words used when a library failure matches nothing known. */
const UNKNOWN = 'its contents do not follow the DICOM format';

/** dicom-parser throws strings, Errors and {exception} objects; say what any of them means for the file. */
export function plain(err: unknown): string {
  const inner = (err as { exception?: unknown })?.exception ?? err;
  const text = inner instanceof Error ? inner.message : String(inner);
  return MEANINGS.find(([pattern]) => pattern.test(text))?.[1] ?? UNKNOWN;
}

/** What a failed image codec (libjpeg-turbo, CharLS, OpenJPEG, OpenJPH, the JPEG Lossless decoder) means. */
export const DAMAGED_CODESTREAM = 'its compressed image data is damaged or incomplete; export the image again from its source';

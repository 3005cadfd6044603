/**
 * Makes libjpeg hand back a 3-component JPEG's samples as coded, without its YCbCr→RGB conversion.
 *
 * libjpeg decides the colour space of a 3-component JPEG from its markers: a JFIF APP0 means YCbCr,
 * an Adobe APP14 says it with its transform flag (0: RGB, as coded), and otherwise it guesses from
 * the component ids (1,2,3 → YCbCr; 'R','G','B' → RGB; anything else → YCbCr). DICOM states the colour
 * space itself in Photometric Interpretation, and GDCM (so pydicom+GDCM) and dcmtk decode a JPEG whose
 * attribute says RGB without colour conversion, whatever the markers suggest: an RGB image coded without a colour
 * transform and without markers saying so (pydicom's SC_jpeg_no_color_transform.dcm,
 * SC_rgb_jpeg_lossy_gdcm.dcm) came out wrongly converted before (issue #13). Aegis does the same as
 * GDCM: for Photometric Interpretation RGB, samples as coded.
 */

const SOI = 0xd8;
const SOS = 0xda;
const APP0 = 0xe0;
const APP14 = 0xee;
const COM = 0xfe;

/** The Adobe APP14 segment with transform 0 ("as coded"), 16 bytes. */
const ADOBE_AS_CODED = Uint8Array.from([0xff, APP14, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);

function isText(b: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * A copy of `jpeg` that libjpeg decodes without colour conversion: an Adobe marker with transform 0
 * after SOI, JFIF APP0 segments turned into comments, existing Adobe transforms set to 0. Segments
 * keep their lengths, so every offset after the inserted 16 bytes shifts by exactly 16. A stream
 * that does not start with SOI is returned unchanged (the decoder then says what is wrong).
 */
export function withoutColourTransform(jpeg: Uint8Array): Uint8Array {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== SOI) return jpeg;
  const out = new Uint8Array(jpeg.length + ADOBE_AS_CODED.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(ADOBE_AS_CODED, 2);
  out.set(jpeg.subarray(2), 2 + ADOBE_AS_CODED.length);
  let p = 2 + ADOBE_AS_CODED.length;
  // Header segments only: stop at the first scan (or anything that is not a marker segment).
  while (p + 4 <= out.length && out[p] === 0xff && out[p + 1] !== SOS) {
    const marker = out[p + 1]!;
    const length = (out[p + 2]! << 8) | out[p + 3]!;
    if (marker === APP0 && isText(out, p + 4, 'JFIF')) out[p + 1] = COM;
    if (marker === APP14 && length >= 14 && isText(out, p + 4, 'Adobe')) out[p + 4 + 11] = 0;
    if (length < 2) break;
    p += 2 + length;
  }
  return out;
}

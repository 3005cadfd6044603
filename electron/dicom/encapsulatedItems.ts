/**
 * Fragments of encapsulated Pixel Data in a data set read as implicit VR. dicom-parser builds the
 * fragment list only on its explicit-VR path; a file whose meta header names a compressed transfer
 * syntax but whose data set is implicit VR (pydicom's SC_rgb_jpeg.dcm) would otherwise keep its
 * compressed bytes as if they were native pixels and be refused as "too short" (issue #13).
 */
import dicomParser from 'dicom-parser';

/**
 * Gives an undefined-length Pixel Data element without fragments its Basic Offset Table and
 * fragments, read from the item sequence it starts with. No-op when there is nothing to add.
 */
export function addMissingFragments(dataSet: dicomParser.DataSet, warnings: string[]): void {
  const el = dataSet.elements.x7fe00010;
  if (!el || !el.hadUndefinedLength || el.fragments !== undefined) return;
  const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, dataSet.byteArray, el.dataOffset);
  const found: string[] = [];
  dicomParser.findEndOfEncapsulatedElement(stream, el, found);
  el.encapsulatedPixelData = true;
  warnings.push(...found.map((w) => w.replace(/^dicomParser\.[\w.]+: /, '')));
}

import dcmjs from 'dcmjs';
import { writeFileSync } from 'node:fs';

/** Writes a small 12-bit CT-like slice (Explicit VR LE) with dcmjs, independent of electron/dicom. */
export function writeCtSlice(path: string, rows: number, columns: number, stored: (r: number, c: number) => number, photometric = 'MONOCHROME2', extra: Record<string, unknown> = {}): Uint16Array {
  const pixels = new Uint16Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) pixels[r * columns + c] = stored(r, c);
  const uid = (n: number) => `1.2.826.0.1.3680043.8.498.${n}`;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    MediaStorageSOPInstanceUID: uid(3),
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: uid(9),
  };
  const ds = {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: uid(3),
    StudyInstanceUID: uid(1),
    SeriesInstanceUID: uid(2),
    Modality: 'CT',
    PatientName: 'Test^Aegis',
    PatientID: 'AEGIS-1',
    Rows: rows,
    Columns: columns,
    SamplesPerPixel: 1,
    PhotometricInterpretation: photometric,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    RescaleSlope: '1',
    RescaleIntercept: '-1024',
    WindowCenter: '40',
    WindowWidth: '400',
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: 'OW' },
    ...extra,
  };
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds);
  writeFileSync(path, Buffer.from(dict.write()));
  return pixels;
}

/**
 * The DICOM data dictionary (PS3.6) for the tag browser, implicit-VR reading and de-identification:
 * the common attributes written out by hand, then dcmjs's full PS3.6 dictionary for every other
 * standard attribute (Imager Pixel Spacing, View Position …). Only tags in neither show as "Unknown"
 * (or "Private" for odd groups).
 */
import dcmjs from 'dcmjs';

/** `GGGGEEEE` (upper-case hex) → [VR, keyword]. */
const ENTRIES: Record<string, [string, string]> = {
  '00020000': ['UL', 'FileMetaInformationGroupLength'],
  '00020001': ['OB', 'FileMetaInformationVersion'],
  '00020002': ['UI', 'MediaStorageSOPClassUID'],
  '00020003': ['UI', 'MediaStorageSOPInstanceUID'],
  '00020010': ['UI', 'TransferSyntaxUID'],
  '00020012': ['UI', 'ImplementationClassUID'],
  '00020013': ['SH', 'ImplementationVersionName'],
  '00020016': ['AE', 'SourceApplicationEntityTitle'],
  '00080005': ['CS', 'SpecificCharacterSet'],
  '00080008': ['CS', 'ImageType'],
  '00080012': ['DA', 'InstanceCreationDate'],
  '00080013': ['TM', 'InstanceCreationTime'],
  '00080014': ['UI', 'InstanceCreatorUID'],
  '00080016': ['UI', 'SOPClassUID'],
  '00080018': ['UI', 'SOPInstanceUID'],
  '00080020': ['DA', 'StudyDate'],
  '00080021': ['DA', 'SeriesDate'],
  '00080022': ['DA', 'AcquisitionDate'],
  '00080023': ['DA', 'ContentDate'],
  '0008002A': ['DT', 'AcquisitionDateTime'],
  '00080030': ['TM', 'StudyTime'],
  '00080031': ['TM', 'SeriesTime'],
  '00080032': ['TM', 'AcquisitionTime'],
  '00080033': ['TM', 'ContentTime'],
  '00080050': ['SH', 'AccessionNumber'],
  '00080060': ['CS', 'Modality'],
  '00080064': ['CS', 'ConversionType'],
  '00080070': ['LO', 'Manufacturer'],
  '00080080': ['LO', 'InstitutionName'],
  '00080081': ['ST', 'InstitutionAddress'],
  '00080090': ['PN', 'ReferringPhysicianName'],
  '00080092': ['ST', 'ReferringPhysicianAddress'],
  '00080094': ['SH', 'ReferringPhysicianTelephoneNumbers'],
  '00080096': ['SQ', 'ReferringPhysicianIdentificationSequence'],
  '00080100': ['SH', 'CodeValue'],
  '00080102': ['SH', 'CodingSchemeDesignator'],
  '00080104': ['LO', 'CodeMeaning'],
  '00080201': ['SH', 'TimezoneOffsetFromUTC'],
  '00081010': ['SH', 'StationName'],
  '00081030': ['LO', 'StudyDescription'],
  '00081032': ['SQ', 'ProcedureCodeSequence'],
  '0008103E': ['LO', 'SeriesDescription'],
  '00081040': ['LO', 'InstitutionalDepartmentName'],
  '00081048': ['PN', 'PhysiciansOfRecord'],
  '00081050': ['PN', 'PerformingPhysicianName'],
  '00081060': ['PN', 'NameOfPhysiciansReadingStudy'],
  '00081070': ['PN', 'OperatorsName'],
  '00081080': ['LO', 'AdmittingDiagnosesDescription'],
  '00081090': ['LO', 'ManufacturerModelName'],
  '00081110': ['SQ', 'ReferencedStudySequence'],
  '00081111': ['SQ', 'ReferencedPerformedProcedureStepSequence'],
  '00081115': ['SQ', 'ReferencedSeriesSequence'],
  '00081120': ['SQ', 'ReferencedPatientSequence'],
  '00081140': ['SQ', 'ReferencedImageSequence'],
  '00081150': ['UI', 'ReferencedSOPClassUID'],
  '00081155': ['UI', 'ReferencedSOPInstanceUID'],
  '00081160': ['IS', 'ReferencedFrameNumber'],
  '00082111': ['ST', 'DerivationDescription'],
  '00082112': ['SQ', 'SourceImageSequence'],
  '00089215': ['SQ', 'DerivationCodeSequence'],
  '00100010': ['PN', 'PatientName'],
  '00100020': ['LO', 'PatientID'],
  '00100021': ['LO', 'IssuerOfPatientID'],
  '00100030': ['DA', 'PatientBirthDate'],
  '00100032': ['TM', 'PatientBirthTime'],
  '00100040': ['CS', 'PatientSex'],
  '00101000': ['LO', 'OtherPatientIDs'],
  '00101001': ['PN', 'OtherPatientNames'],
  '00101002': ['SQ', 'OtherPatientIDsSequence'],
  '00101005': ['PN', 'PatientBirthName'],
  '00101010': ['AS', 'PatientAge'],
  '00101020': ['DS', 'PatientSize'],
  '00101030': ['DS', 'PatientWeight'],
  '00101040': ['LO', 'PatientAddress'],
  '00101060': ['PN', 'PatientMotherBirthName'],
  '00102154': ['SH', 'PatientTelephoneNumbers'],
  '00102160': ['SH', 'EthnicGroup'],
  '00102180': ['SH', 'Occupation'],
  '001021B0': ['LT', 'AdditionalPatientHistory'],
  '00104000': ['LT', 'PatientComments'],
  '00120062': ['CS', 'PatientIdentityRemoved'],
  '00120063': ['LO', 'DeidentificationMethod'],
  '00120064': ['SQ', 'DeidentificationMethodCodeSequence'],
  '00180015': ['CS', 'BodyPartExamined'],
  '00180050': ['DS', 'SliceThickness'],
  '00180060': ['DS', 'KVP'],
  '00181000': ['LO', 'DeviceSerialNumber'],
  '00181020': ['LO', 'SoftwareVersions'],
  '00181030': ['LO', 'ProtocolName'],
  '00185100': ['CS', 'PatientPosition'],
  '0020000D': ['UI', 'StudyInstanceUID'],
  '0020000E': ['UI', 'SeriesInstanceUID'],
  '00200010': ['SH', 'StudyID'],
  '00200011': ['IS', 'SeriesNumber'],
  '00200012': ['IS', 'AcquisitionNumber'],
  '00200013': ['IS', 'InstanceNumber'],
  '00200020': ['CS', 'PatientOrientation'],
  '00200032': ['DS', 'ImagePositionPatient'],
  '00200037': ['DS', 'ImageOrientationPatient'],
  '00200052': ['UI', 'FrameOfReferenceUID'],
  '00200060': ['CS', 'Laterality'],
  '00201041': ['DS', 'SliceLocation'],
  '00204000': ['LT', 'ImageComments'],
  '00280002': ['US', 'SamplesPerPixel'],
  '00280004': ['CS', 'PhotometricInterpretation'],
  '00280006': ['US', 'PlanarConfiguration'],
  '00280008': ['IS', 'NumberOfFrames'],
  '00280009': ['AT', 'FrameIncrementPointer'],
  '00280010': ['US', 'Rows'],
  '00280011': ['US', 'Columns'],
  '00280030': ['DS', 'PixelSpacing'],
  '00280100': ['US', 'BitsAllocated'],
  '00280101': ['US', 'BitsStored'],
  '00280102': ['US', 'HighBit'],
  '00280103': ['US', 'PixelRepresentation'],
  '00280301': ['CS', 'BurnedInAnnotation'],
  '00281050': ['DS', 'WindowCenter'],
  '00281051': ['DS', 'WindowWidth'],
  '00281052': ['DS', 'RescaleIntercept'],
  '00281053': ['DS', 'RescaleSlope'],
  '00281054': ['LO', 'RescaleType'],
  '00281101': ['US', 'RedPaletteColorLookupTableDescriptor'],
  '00281102': ['US', 'GreenPaletteColorLookupTableDescriptor'],
  '00281103': ['US', 'BluePaletteColorLookupTableDescriptor'],
  '00281201': ['OW', 'RedPaletteColorLookupTableData'],
  '00281202': ['OW', 'GreenPaletteColorLookupTableData'],
  '00281203': ['OW', 'BluePaletteColorLookupTableData'],
  '00282110': ['CS', 'LossyImageCompression'],
  '00282112': ['DS', 'LossyImageCompressionRatio'],
  '00282114': ['CS', 'LossyImageCompressionMethod'],
  '00283000': ['SQ', 'ModalityLUTSequence'],
  '00283010': ['SQ', 'VOILUTSequence'],
  '00321032': ['PN', 'RequestingPhysician'],
  '00321060': ['LO', 'RequestedProcedureDescription'],
  '00400244': ['DA', 'PerformedProcedureStepStartDate'],
  '00400245': ['TM', 'PerformedProcedureStepStartTime'],
  '00400253': ['SH', 'PerformedProcedureStepID'],
  '00400254': ['LO', 'PerformedProcedureStepDescription'],
  '0040A124': ['UI', 'UID'],
  '00880140': ['UI', 'StorageMediaFileSetUID'],
  '30060024': ['UI', 'ReferencedFrameOfReferenceUID'],
  '7FE00001': ['OV', 'ExtendedOffsetTable'],
  '7FE00002': ['OV', 'ExtendedOffsetTableLengths'],
  '7FE00010': ['OW', 'PixelData'],
  FFFEE000: ['', 'Item'],
  FFFEE00D: ['', 'ItemDelimitationItem'],
  FFFEE0DD: ['', 'SequenceDelimitationItem'],
};

/** Normalises `x0010ABCD`, `(0010,ABCD)` or `0010abcd` to `0010ABCD`. */
export function tagKey(tag: string): string {
  return tag.replace(/[^0-9a-fA-F]/g, '').slice(-8).toUpperCase();
}

let standard: Map<string, [string, string]> | null = null;

/** dcmjs's PS3.6 dictionary by tag key; an ambiguous VR ("US or SS") is kept as '' (read as UN). */
function standardEntry(key: string): [string, string] | undefined {
  if (!standard) {
    standard = new Map();
    for (const [name, { tag, vr }] of Object.entries(dcmjs.data.DicomMetaDictionary.nameMap)) {
      const k = tag.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
      if (k.length === 8) standard.set(k, [/^[A-Z]{2}$/.test(vr) ? vr : '', name]);
    }
  }
  return standard.get(key);
}

/** Dictionary VR of a tag (`x0010ABCD` or `0010ABCD`); group lengths are UL; '' when unknown. */
export function vrOf(tag: string): string {
  const key = tagKey(tag);
  if (key.endsWith('0000')) return 'UL';
  return ENTRIES[key]?.[0] ?? standardEntry(key)?.[0] ?? '';
}

/** Keyword of a tag, "Private" for odd groups, "Unknown" otherwise. */
export function nameOf(tag: string): string {
  const key = tagKey(tag);
  const known = ENTRIES[key] ?? (parseInt(key.slice(0, 4), 16) % 2 === 0 ? standardEntry(key) : undefined);
  if (known) return known[1];
  if (key.endsWith('0000')) return 'GroupLength';
  return parseInt(key.slice(0, 4), 16) % 2 === 1 ? 'Private' : 'Unknown';
}

/** Tag key (`0010ABCD`) for a keyword in this dictionary, or undefined. */
export function tagOf(keyword: string): string | undefined {
  for (const [key, [, name]] of Object.entries(ENTRIES)) if (name === keyword) return key;
  return undefined;
}

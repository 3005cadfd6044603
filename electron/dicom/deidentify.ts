/**
 * De-identification for reader-study bundles: DICOM PS3.15 Annex E Basic Application Level
 * Confidentiality Profile (Table E.1-1, the common attributes), private tags removed, UIDs remapped
 * consistently across a bundle, and — for blinded bundles — every trace of derivation removed so an
 * attacked image looks like any other (the truth lives in the bundle's answer key).
 */
import type { Naturalized } from 'dcmjs';
import { createHmac, randomBytes } from 'node:crypto';
import { naturalize, serialise } from './dcmjsIo';
import { loadInstance } from './parseInstance';
import { writeNew } from './safeWrite';

/** PS3.15 Table E.1-1 actions by dcmjs keyword: X remove, Z empty, D replace with a dummy (pseudonym). */
export const BASIC_PROFILE_ACTIONS: Readonly<Record<string, 'X' | 'Z' | 'D'>> = {
  PatientName: 'D', PatientID: 'D',
  AccessionNumber: 'Z', PatientBirthDate: 'Z', PatientSex: 'Z', ReferringPhysicianName: 'Z', StudyDate: 'Z', StudyTime: 'Z',
  StudyID: 'Z', ContentDate: 'Z', ContentTime: 'Z',
  SeriesDate: 'X', SeriesTime: 'X', AcquisitionDate: 'X', AcquisitionTime: 'X', AcquisitionDateTime: 'X',
  InstanceCreationDate: 'X', InstanceCreationTime: 'X', InstanceCreatorUID: 'X', InstitutionName: 'X', InstitutionAddress: 'X',
  InstitutionCodeSequence: 'X', InstitutionalDepartmentName: 'X', ReferringPhysicianAddress: 'X', ReferringPhysicianTelephoneNumbers: 'X',
  ReferringPhysicianIdentificationSequence: 'X', StationName: 'X', StudyDescription: 'X', SeriesDescription: 'X', PhysiciansOfRecord: 'X',
  PerformingPhysicianName: 'X', NameOfPhysiciansReadingStudy: 'X', OperatorsName: 'X', AdmittingDiagnosesDescription: 'X',
  DerivationDescription: 'X', IssuerOfPatientID: 'X', PatientBirthTime: 'X', OtherPatientIDs: 'X', OtherPatientNames: 'X',
  OtherPatientIDsSequence: 'X', PatientBirthName: 'X', PatientAge: 'X', PatientSize: 'X', PatientWeight: 'X', PatientAddress: 'X',
  PatientMotherBirthName: 'X', PatientTelephoneNumbers: 'X', EthnicGroup: 'X', Occupation: 'X', AdditionalPatientHistory: 'X',
  PatientComments: 'X', MedicalRecordLocator: 'X', MilitaryRank: 'X', BranchOfService: 'X', CountryOfResidence: 'X', RegionOfResidence: 'X',
  PatientReligiousPreference: 'X', MedicalAlerts: 'X', Allergies: 'X', PregnancyStatus: 'X', SmokingStatus: 'X', DeviceSerialNumber: 'X',
  ProtocolName: 'X', ImageComments: 'X', RequestingPhysician: 'X', RequestingService: 'X', RequestedProcedureDescription: 'X',
  RequestAttributesSequence: 'X', PerformedProcedureStepStartDate: 'X', PerformedProcedureStepStartTime: 'X',
  PerformedProcedureStepEndDate: 'X', PerformedProcedureStepEndTime: 'X', PerformedProcedureStepID: 'X',
  PerformedProcedureStepDescription: 'X', ReferencedPatientSequence: 'X', ReferencedStudySequence: 'X',
  ReferencedPerformedProcedureStepSequence: 'X', ScheduledProcedureStepDescription: 'X', ActualHumanPerformersSequence: 'X',
  PersonName: 'X', ContentCreatorName: 'X', VerifyingObserverName: 'X', TextString: 'X', TextValue: 'X', StorageMediaFileSetUID: 'X',
  DataSetTrailingPadding: 'X',
};

/** Attributes that betray a derived (attacked) image; removed or normalised in blinded bundles. */
const DERIVATION = [
  'DerivationCodeSequence', 'SourceImageSequence', 'ReferencedImageSequence', 'SeriesNumber', 'ReferencedSeriesSequence',
  'SmallestImagePixelValue', 'LargestImagePixelValue',
];

/** UIDs that name kinds of things, not instances; kept. */
const KEPT_UID = /(Class|TransferSyntax|Implementation|CodingScheme|MappingResource|ContextGroup|PrivateInformationCreator)UID$/;

/** Replaces UIDs with 2.25 UIDs derived from a per-bundle secret: same input, same output, within one bundle. */
export class UidMap {
  private readonly secret: Buffer;
  private readonly seen = new Map<string, string>();
  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }
  /** The replacement for `uid`. */
  map(uid: string): string {
    const key = uid.replace(/\0/g, '').trim();
    let out = this.seen.get(key);
    if (!out) {
      const hex = createHmac('sha256', this.secret).update(key).digest('hex').slice(0, 32);
      // + 10³⁸ keeps the 128-bit value injective and always 39 digits: replaced UIDs all have one length,
      // so a blinded copy's size says nothing about its source.
      out = `2.25.${(BigInt('0x' + hex) + 10n ** 38n).toString()}`;
      this.seen.set(key, out);
    }
    return out;
  }
}

/** How to de-identify one bundle. */
export interface DeidentifyOptions {
  /** Replacement Patient Name and Patient ID for this case (e.g. "CASE^0007", "CASE0007"). */
  patientName: string;
  patientId: string;
  /** Shared by every file of a bundle so references stay consistent. */
  uids: UidMap;
  /** Remove every trace of derivation (blinded reader studies). */
  blind?: boolean;
}

/** One output file and what the reader of the bundle should know about it. */
export interface DeidentifiedFile {
  path: string;
  warnings: string[];
}

/** De-identifies `source` into the new file `out` (never overwritten; the source is only read). */
export async function deidentifyFile(source: string, out: string, opts: DeidentifyOptions): Promise<DeidentifiedFile> {
  const ds = naturalize(await loadInstance(source), 'de-identified');
  const warnings: string[] = [];
  if (String(ds.BurnedInAnnotation ?? '').trim().toUpperCase() === 'YES') {
    warnings.push('Burned In Annotation is YES: the pixels may show identifying text that de-identification cannot remove');
  }
  scrub(ds, opts);
  if (opts.blind) {
    for (const key of DERIVATION) delete ds[key];
    const type = Array.isArray(ds.ImageType) ? (ds.ImageType as string[]) : [];
    ds.ImageType = ['ORIGINAL', 'PRIMARY', ...type.slice(2)];
    // A derived image always has a content date and time, and is instance 1 of its own series; give
    // every blinded file (one image per case) the same empty pair and the same instance number.
    Object.assign(ds, { ContentDate: '', ContentTime: '', InstanceNumber: 1 });
  }
  Object.assign(ds, {
    PatientName: opts.patientName,
    PatientID: opts.patientId,
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: 'DICOM PS3.15 Basic Application Level Confidentiality Profile',
    DeidentificationMethodCodeSequence: [{ CodeValue: '113100', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Basic Application Confidentiality Profile' }],
  });
  await writeNew(out, serialise(ds));
  return { path: out, warnings };
}

/** Applies the profile to a naturalized data set and its sequence items, in place. */
function scrub(ds: Naturalized, opts: DeidentifyOptions): void {
  for (const key of Object.keys(ds)) {
    if (key === '_vrMap') continue;
    // dcmjs keeps tags it has no keyword for as 8 hex digits; odd groups are private.
    if (/^[0-9A-Fa-f]{8}$/.test(key) && parseInt(key.slice(0, 4), 16) % 2 === 1) {
      delete ds[key];
      continue;
    }
    if (/^(50|60)[0-9A-F]{2}/i.test(key) || /^(Overlay|Curve)/.test(key)) {
      delete ds[key];
      continue;
    }
    const action = BASIC_PROFILE_ACTIONS[key];
    if (action === 'X') delete ds[key];
    else if (action === 'Z') ds[key] = '';
    else if (/UID$/.test(key) && !KEPT_UID.test(key)) ds[key] = mapUids(ds[key], opts.uids);
    else if (Array.isArray(ds[key])) for (const item of ds[key] as unknown[]) if (isItem(item)) scrub(item, opts);
  }
}

function isItem(v: unknown): v is Naturalized {
  return typeof v === 'object' && v !== null && !(v instanceof ArrayBuffer) && !ArrayBuffer.isView(v) && !Array.isArray(v);
}

function mapUids(v: unknown, uids: UidMap): unknown {
  if (typeof v === 'string') return v ? uids.map(v) : v;
  if (Array.isArray(v)) return v.map((x) => mapUids(x, uids));
  return v;
}

/** De-identifies several files with one UID map (a bundle); returns each output and its warnings. */
export async function deidentifyBundle(
  files: { source: string; out: string; patientName: string; patientId: string }[],
  options: { blind?: boolean; uids?: UidMap } = {},
): Promise<DeidentifiedFile[]> {
  const uids = options.uids ?? new UidMap();
  const results: DeidentifiedFile[] = [];
  for (const f of files) results.push(await deidentifyFile(f.source, f.out, { patientName: f.patientName, patientId: f.patientId, uids, blind: options.blind }));
  return results;
}

/** The two ends of every dcmjs rewrite: a parsed instance in as a naturalized data set, bytes out. */
import dcmjs, { type Naturalized } from 'dcmjs';
import { DicomError } from './dicomError';
import { plain, type ParsedInstance } from './parseInstance';
import { part10Bytes } from './part10Bytes';
import { EXPLICIT_LE } from './transferSyntax';

// dcmjs reports its own VR fallbacks (e.g. "Invalid vr type ox - using OW") on the console; they are
// not the user's concern and would flood the log on every export.
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');
// dcmjs's own logger warns "Unknown name in dataset" for every private or retired attribute of a real
// CT it writes back (dozens per `aegis attack`); library chatter, not a message for the user (issue #13).
dcmjs.log.setLevel('error');

/** Aegis' implementation class UID (2.25 form) and version name, written in every meta header. */
export const IMPLEMENTATION_CLASS_UID = '2.25.243404406553094212376326524442913734881';

/** The data set of `instance` (parsed in full) as dcmjs' naturalized object. */
export function naturalize(instance: ParsedInstance, what: string): Naturalized {
  try {
    const bytes = part10Bytes(instance);
    const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer as ArrayBuffer, { ignoreErrors: true });
    return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  } catch (err) {
    throw new DicomError(`cannot be ${what} (${plain(err)})`, instance.path ?? undefined);
  }
}

/** Serialises a naturalized data set as Part 10, Explicit VR Little Endian, with a fresh meta header. */
export function serialise(ds: Naturalized, extraMeta: Record<string, unknown> = {}): Uint8Array {
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: ds.SOPClassUID,
    MediaStorageSOPInstanceUID: ds.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_LE,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ...extraMeta,
  };
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds);
  return new Uint8Array(dict.write());
}

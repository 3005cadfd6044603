/**
 * `electron/dicom`: DICOM in and out, Node only. Parse (lenient), decode every common transfer
 * syntax to stored values, index folders into series, show tags, write derived (attacked) images,
 * de-identify for reader-study bundles. Every user-facing failure is a {@link DicomError}.
 *
 * Image ids are `aegis:<instanceKey>:<frame>` with 0-based frames; see {@link parseImageId}.
 */
export { DicomError } from './dicomError';
export { parseInstance, loadInstance, type ParsedInstance, type ParseOptions } from './parseInstance';
export { readHeader } from './readHeader';
export { frameMeta } from './frameMeta';
export { pixelModule, storedRange, type PixelModule } from './pixelModule';
export { decodeFrame, type DecodedFrame, type StoredPixels } from './decodeFrame';
export { toModality } from './toModality';
export { indexPaths, type IndexResult, type IndexOptions, type IndexedInstance } from './indexPaths';
export { tagTree } from './tagTree';
export { instanceKey, imageIdOf, parseImageId } from './instanceKey';
export { TRANSFER_SYNTAXES, transferSyntaxInfo, type TransferSyntaxInfo } from './transferSyntax';
export { writeDerived, type DeriveRequest, type DerivedInstance } from './writeDerived';
export { serialise } from './dcmjsIo';
export { deidentifyFile, deidentifyBundle, UidMap, BASIC_PROFILE_ACTIONS, type DeidentifyOptions, type DeidentifiedFile } from './deidentify';
export { basicProfileProblems } from './basicProfileCheck';
export { newUid } from './uid';
export { part10Bytes } from './part10Bytes';

/** {@link FrameMeta} of one frame: everything the viewer and engine need except the pixels. */
import type { FrameMeta } from '../shared/studyTypes';
import { DicomError } from './dicomError';
import { imageIdOf, instanceKey } from './instanceKey';
import { guard, type ParsedInstance } from './parseInstance';
import { pixelModule, readDs, storedRange } from './pixelModule';

/**
 * Describes frame `frame` (0-based) of an instance. `minStored`/`maxStored` are the valid stored-value
 * range implied by Bits Stored and Pixel Representation (the clamp for quantised attacks), not the
 * frame's actual extremes. `imageId` defaults to `aegis:<instanceKey>:<frame>`.
 */
export function frameMeta(instance: ParsedInstance, frame: number, imageId?: string): FrameMeta {
  return guard(instance.path, () => frameMetaUnguarded(instance, frame, imageId));
}

function frameMetaUnguarded(instance: ParsedInstance, frame: number, imageId?: string): FrameMeta {
  const pm = pixelModule(instance);
  if (!Number.isInteger(frame) || frame < 0 || frame >= pm.numberOfFrames) {
    throw new DicomError(`frame ${frame} does not exist (the file has ${pm.numberOfFrames})`, instance.path ?? undefined);
  }
  const [minStored, maxStored] = storedRange(pm);
  const instanceNumber = readDs(instance.dataSet, 'x00200013');
  return {
    imageId: imageId ?? imageIdOf(instanceKey(instance), frame),
    rows: pm.rows,
    columns: pm.columns,
    samplesPerPixel: pm.samplesPerPixel,
    photometricInterpretation: pm.photometricInterpretation,
    bitsAllocated: pm.bitsAllocated,
    bitsStored: pm.bitsStored,
    pixelRepresentation: pm.pixelRepresentation,
    rescaleSlope: pm.rescaleSlope,
    rescaleIntercept: pm.rescaleIntercept,
    windowCenter: pm.windowCenter,
    windowWidth: pm.windowWidth,
    pixelSpacing: pm.pixelSpacing,
    minStored,
    maxStored,
    frameIndex: frame,
    numberOfFrames: pm.numberOfFrames,
    instanceNumber,
    modality: (instance.dataSet.string('x00080060') ?? '').trim(),
  };
}

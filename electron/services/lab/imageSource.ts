/** Resolves an image id ("aegis:<instanceKey>:<frame>") to the file behind it, for engine jobs. */
import { parseImageId } from '../../dicom/index';
import { ApiError } from '../apiError';
import type { ServiceContext } from '../serviceContext';

/** The indexed file behind an image id and the study it belongs to. `frame` is 0-based. */
export interface ImageSource {
  imageId: string;
  path: string;
  frame: number;
  studyInstanceUid: string;
  /** Series Instance UID of the image's series (for warnings such as calibration overlap). */
  seriesInstanceUid: string;
}

/**
 * Looks `imageId` up in the studies index. The engine reads the first frame of a file, so other
 * frames of a multi-frame instance are refused with a plain message.
 * @throws ApiError 'bad-input' for a malformed id or a frame other than 0, 'not-found' for an id never opened.
 */
export function imageSource(ctx: ServiceContext, imageId: string): ImageSource {
  const parsed = parseImageId(imageId);
  if (!parsed) throw new ApiError('bad-input', `"${imageId}" is not an Aegis image id (expected aegis:<instance>:<frame>).`);
  const row = ctx.workspace.db
    .prepare('SELECT i.path, i.number_of_frames AS frames, s.study_uid, s.series_uid FROM instances i JOIN series s ON s.series_uid = i.series_uid WHERE i.instance_key = ?')
    .get(parsed.key) as { path: string; frames: number; study_uid: string; series_uid: string } | undefined;
  if (!row || parsed.frame >= row.frames) throw new ApiError('not-found', `No open image has the id ${imageId}; open its study first.`);
  if (parsed.frame !== 0) {
    throw new ApiError('bad-input', `Frame ${parsed.frame + 1} of ${row.frames} in ${row.path}: models, saliency and attacks run on single-frame images and the first frame of multi-frame ones.`);
  }
  return { imageId, path: row.path, frame: parsed.frame, studyInstanceUid: row.study_uid, seriesInstanceUid: row.series_uid };
}

/** 'studies.*' and 'frames.*' calls. */
import { tagTree } from '../../dicom/index';
import type { Handlers } from '../backendTypes';
import type { ServiceContext } from '../serviceContext';

/** Handlers for opening studies and reading their frames. */
export function studiesHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'studies.open' | 'studies.list' | 'frames.meta' | 'frames.pixels' | 'frames.tags'> {
  return {
    'studies.open': ({ paths }) => ctx.studies.open(paths),
    'studies.list': async () => ({ series: ctx.studies.list() }),
    'frames.meta': ({ imageId }) => ctx.frames.meta(imageId),
    'frames.pixels': ({ imageId }) => ctx.frames.pixels(imageId),
    'frames.tags': async ({ imageId }) => ({ tags: tagTree(await ctx.frames.instance(imageId)) }),
  };
}

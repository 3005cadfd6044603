/**
 * The `aegis:` image loader for cornerstone-core: pulls a frame's stored values through the API
 * ('frames.meta' + 'frames.pixels', either transport) as typed arrays, and serves the metadata
 * cornerstone-tools asks for (modality for measurement units, pixel spacing in mm for lengths/areas).
 */
import * as cornerstone from 'cornerstone-core';
import type { Image } from 'cornerstone-core';
import type { CallInput, CallName, CallOutput } from '../../electron/shared/contract';
import type { FrameMeta } from '../../electron/shared/studyTypes';
import { frameToImage } from './frameToImage';

/** The one thing the viewer needs from the API client: a typed contract call. */
export interface ContractCaller {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

/** The URL scheme of Aegis image ids (`aegis:<instanceKey>:<frame>`). */
export const AEGIS_SCHEME = 'aegis';

/** Frame metadata per image id, filled as frames load; read by the metadata provider and the overlays. */
export const frameMetaCache = new Map<string, FrameMeta>();

let caller: ContractCaller | null = null;
let registered = false;

/** Fetches one frame through the API and converts it to a cornerstone image. */
async function loadFrame(imageId: string): Promise<Image> {
  if (!caller) throw new Error('The aegis: image loader was used before registerAegisImageLoader().');
  const [meta, pixels] = await Promise.all([
    frameMetaCache.get(imageId) ?? caller.call('frames.meta', { imageId }),
    caller.call('frames.pixels', { imageId }),
  ]);
  frameMetaCache.set(imageId, meta);
  return frameToImage(imageId, meta, pixels.meta, pixels.data);
}

/** cornerstone metadata provider backed by {@link frameMetaCache}. */
function provideMetadata(type: string, imageId: string): unknown {
  const meta = frameMetaCache.get(imageId);
  if (!meta) return undefined;
  if (type === 'generalSeriesModule') return { modality: meta.modality };
  if (type === 'imagePlaneModule') {
    return {
      rows: meta.rows,
      columns: meta.columns,
      rowPixelSpacing: meta.pixelSpacing?.[0] ?? null,
      columnPixelSpacing: meta.pixelSpacing?.[1] ?? null,
    };
  }
  return undefined;
}

/**
 * Registers the `aegis:` loader and metadata provider with cornerstone (once), routing every
 * frame request through `api`. Calling it again only swaps the API client.
 */
export function registerAegisImageLoader(api: ContractCaller): void {
  caller = api;
  if (registered) return;
  registered = true;
  cornerstone.registerImageLoader(AEGIS_SCHEME, (imageId) => ({ promise: loadFrame(imageId) }));
  cornerstone.metaData.addProvider(provideMetadata);
}

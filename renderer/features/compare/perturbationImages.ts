/**
 * The `aegisdiff:` image loader: the perturbation of an attack (attacked − original, stored values,
 * from 'attacks.perturbation') as a colour cornerstone image on a diverging blue–white–red map
 * amplified ×gain, so it can sit in a synchronised viewport beside the original and the attacked image.
 * Image id: `aegisdiff:<attackId>:<gain>`.
 */
import * as cornerstone from 'cornerstone-core';
import type { Image } from 'cornerstone-core';
import type { CallOutput } from '../../../electron/shared/contract';
import type { ApiClient } from '../../api/apiClient';
import { perturbationRgba } from '../../viewer/heatmapPixels';

const SCHEME = 'aegisdiff';
type Perturbation = CallOutput<'attacks.perturbation'>;

let client: ApiClient | null = null;
let registered = false;
const fetched = new Map<string, Promise<Perturbation>>();

/** The image id of attack `attackId`'s perturbation amplified ×`gain` (gain > 0). */
export function perturbationImageId(attackId: string, gain: number): string {
  return `${SCHEME}:${attackId}:${gain}`;
}

/** The perturbation of an attack (fetched once per attack). */
export function fetchPerturbation(attackId: string): Promise<Perturbation> {
  if (!client) throw new Error('registerPerturbationLoader() must run before perturbations are fetched.');
  let p = fetched.get(attackId);
  if (!p) {
    p = client.call('attacks.perturbation', { attackId });
    p.catch(() => fetched.delete(attackId));
    fetched.set(attackId, p);
  }
  return p;
}

async function load(imageId: string): Promise<Image> {
  const match = /^aegisdiff:(.+):([0-9.]+)$/.exec(imageId);
  if (!match) throw new Error(`Not a perturbation image id: ${imageId}`);
  const gain = Number(match[2]);
  const p = await fetchPerturbation(match[1]);
  const rgba = perturbationRgba(p.data, p.channels, p.dataRange, gain);
  return {
    imageId,
    minPixelValue: 0,
    maxPixelValue: 255,
    slope: 1,
    intercept: 0,
    windowCenter: 127.5,
    windowWidth: 256,
    getPixelData: () => rgba,
    rows: p.height,
    columns: p.width,
    height: p.height,
    width: p.width,
    color: true,
    rgba: false,
    invert: false,
    sizeInBytes: rgba.byteLength,
  };
}

/** Registers the loader with cornerstone once; later calls only swap the API client. */
export function registerPerturbationLoader(api: ApiClient): void {
  client = api;
  if (registered) return;
  registered = true;
  cornerstone.registerImageLoader(SCHEME, (imageId) => ({ promise: load(imageId) }));
}

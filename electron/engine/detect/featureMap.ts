import { checkPlanarImage, type PlanarImage } from '../defenses/planarImage';

/**
 * One image's spatial activations from one (or several concatenated) layers: the same planar C×H×W
 * layout as {@link PlanarImage}, but in the network's activation units rather than display units.
 */
export type FeatureMap = PlanarImage;

/** Checks a feature map's size; throws an error naming `what` otherwise. */
export function checkFeatureMap(map: FeatureMap, what = 'feature map'): void {
  checkPlanarImage(map, what);
}

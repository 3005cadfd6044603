/**
 * Example images for a QA report: original | attacked | perturbation of a few images, re-created
 * with the session's own seed (the attack is deterministic, so they are the images the session
 * scored) and encoded as 8-bit PNG in the display window.
 */
import { encodePng } from '../io/png';
import { loadImage } from '../io/loadImage';
import { readFile } from 'node:fs/promises';
import { storedImageTask } from '../attacks/imageTask';
import { runAttack } from '../attacks/runAttack';
import type { QaConfig } from '../../shared/qaTypes';
import { attackDefaults } from '../../shared/attackCatalogue';
import type { QaModel } from './evaluateImage';
import { imageHashOf, imageSeed } from './itemKey';
import type { QaDatasetItem } from './labelsCsv';

/** One example: the image's name, the attack, and three PNGs (bytes). */
export interface QaExample {
  image: string;
  model: string;
  attack: string;
  eps: number;
  original: Uint8Array;
  attacked: Uint8Array;
  /** Signed perturbation, mid-grey = 0, full black/white = ∓eps. */
  perturbation: Uint8Array;
}

function grey(u: ArrayLike<number>, width: number, height: number, map: (v: number) => number): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(map(u[i]!))));
  return encodePng({ width, height, channels: 1, bitDepth: 8, data });
}

/**
 * Up to `count` examples (one per class first) for `model` under the session's first attack at its
 * largest budget. First channel only for colour images.
 */
export async function exampleImages(model: QaModel, config: QaConfig, dataset: QaDatasetItem[], count = 2): Promise<QaExample[]> {
  const attack = config.attacks[0];
  if (!attack) return [];
  const eps = Math.max(...config.eps);
  const steps = config.steps ?? attackDefaults(attack, 'linf', true).steps;
  const picked: QaDatasetItem[] = [];
  for (const item of dataset) if (picked.length < count && !picked.some((p) => p.label === item.label)) picked.push(item);
  for (const item of dataset) if (picked.length < count && !picked.includes(item)) picked.push(item);
  const out: QaExample[] = [];
  for (const item of picked) {
    const seed = imageSeed(config.seed, imageHashOf(await readFile(item.path)));
    const image = await loadImage(item.path);
    const { space } = storedImageTask(model, image);
    const report = await runAttack(model.objective, space, { method: attack, eps, norm: 'linf', steps, seed, label: item.label >= 0 ? item.label : undefined });
    const { width, height } = image;
    out.push({
      image: item.file,
      model: model.metadata.name ?? model.path,
      attack,
      eps,
      original: grey(space.x0, width, height, (v) => v * 255),
      attacked: grey(report.normalised, width, height, (v) => v * 255),
      perturbation: grey(
        Float32Array.from({ length: width * height }, (_, i) => report.normalised[i]! - space.x0[i]!),
        width,
        height,
        (d) => 127.5 + (127.5 * d) / eps,
      ),
    });
  }
  return out;
}

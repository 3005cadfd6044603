/** Keys and seeds of QA items: pure functions of what the result depends on, so a rerun finds its own work. */
import { createHash } from 'node:crypto';

/** What one QA item's result depends on. `eps` in normalised units (0 for the clean item). */
export interface QaItemIdentity {
  modelHash: string;
  imageHash: string;
  attack: string;
  eps: number;
  seed: number;
  steps: number;
}

/** A 32-hex-digit key of the item (sha256 of its identity): equal identities, equal keys. */
export function itemKey(id: QaItemIdentity): string {
  const text = JSON.stringify([id.modelHash, id.imageHash, id.attack, id.eps, id.seed, id.steps]);
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * The attack seed of one image: the session's base seed mixed with the image's content hash, so an
 * image gets the same random start in every run and in any order (embedded or on a worker).
 */
export function imageSeed(baseSeed: number, imageHash: string): number {
  return (baseSeed ^ Number.parseInt(imageHash.slice(0, 8), 16)) | 0;
}

/** sha256 (hex) of an image file's bytes. */
export function imageHashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stable keys for instances and frames: image ids are `aegis:<instanceKey>:<frame>` (frame from 0). */
import { createHash } from 'node:crypto';
import type { ParsedInstance } from './parseInstance';

/** The instance key: its SOP Instance UID, or a hash of its path when it has none. */
export function instanceKey(instance: ParsedInstance): string {
  const uid = (instance.dataSet.string('x00080018') ?? '').replace(/\0/g, '').trim();
  if (/^[0-9.]+$/.test(uid)) return uid;
  return 'p' + createHash('sha1').update(instance.path ?? '').digest('hex').slice(0, 20);
}

/** Image id of one frame (0-based). */
export function imageIdOf(key: string, frame: number): string {
  return `aegis:${key}:${frame}`;
}

/** Splits an image id back into key and frame; null when it is not an Aegis image id. */
export function parseImageId(imageId: string): { key: string; frame: number } | null {
  const m = /^aegis:([^:]+):(\d+)$/.exec(imageId);
  return m ? { key: m[1]!, frame: Number(m[2]) } : null;
}

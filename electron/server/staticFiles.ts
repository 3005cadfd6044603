/**
 * Serves the built renderer (`dist/renderer`) to the browser: one folder, no listing, no path that
 * climbs out of it (see `safeAssetSegments`), a content type per extension.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { assetContentType, safeAssetSegments } from '../shared/staticAssets';

/**
 * Maps a URL path (`/assets/index.js`) to a file inside `root`, or null when the path is malformed
 * or would leave `root`. `/` maps to `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  const segments = safeAssetSegments(urlPath);
  if (!segments) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full.startsWith(base + sep) ? full : null;
}

/** A file ready to send. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads the file `urlPath` names under `root`; null when it is missing, a folder, or refused. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return { body: await readFile(file), contentType: assetContentType(file) };
  } catch {
    return null;
  }
}

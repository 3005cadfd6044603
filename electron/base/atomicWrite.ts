/**
 * The one durable file writer (ARCHITECTURE.md principle 6, "nothing lost"): the bytes go to a
 * temporary name in the same folder, are written in full and fsync'd, then renamed over the target
 * (or, with `noReplace`, hard-linked into place, which refuses an existing file), and the folder is
 * fsync'd so the rename itself survives a power cut. A crash leaves the old file or the new one,
 * never half of one, and no temporary file once the call has returned or thrown.
 */
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** How {@link writeFileAtomic} places the file. */
export interface AtomicWriteOptions {
  /** Refuse to replace an existing file: throws an error with `code === 'EEXIST'` instead. */
  noReplace?: boolean;
}

/**
 * Writes `data` (bytes, or text as UTF-8) to `path` durably, creating its folder; returns `path`.
 * @throws the file system's error (with its `code`); with `noReplace`, `EEXIST` when `path` exists.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    if (options.noReplace) linkSync(tmp, path);
    else renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  syncFolder(dir);
  return path;
}

/** Makes a rename or link in `dir` durable where the platform can sync a folder (not Windows). */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A small text file written durably: temporary name, flushed, then renamed over the target. */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Writes `text` (UTF-8) to `path` atomically; the folder must exist. */
export function writeFileAtomicSync(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

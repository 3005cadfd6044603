/** Recursive listing of the files under some paths, yielding to the event loop as it goes. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every regular file under `paths` (files are kept as given); unreadable folders go to `failures`. */
export async function walkFiles(paths: string[], failures: { path: string; reason: string }[], signal?: AbortSignal): Promise<string[]> {
  const files: string[] = [];
  const pending = [...paths];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const path = pending.pop()!;
    try {
      const info = await stat(path);
      if (info.isFile()) {
        files.push(path);
      } else if (info.isDirectory()) {
        const entries = await readdir(path, { withFileTypes: true });
        for (const e of entries.sort((a, b) => (a.name < b.name ? 1 : -1))) {
          if (e.isDirectory() || e.isFile() || e.isSymbolicLink()) pending.push(join(path, e.name));
        }
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      failures.push({ path, reason: code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(err)})` });
    }
  }
  return files;
}

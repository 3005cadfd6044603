/**
 * Attack output folders (`<workspace>/derived/attacks/<attackId>/`) that hold nothing worth keeping:
 * an attack that fails, is cancelled or dies with the engine removes its own folder, and folders
 * left empty by a crash of the whole back end are swept when the workspace's attack runner starts
 * (issue #13). A folder holding any file is never swept: nothing written is lost.
 */
import { readdirSync, rmdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The folder every attack's output folder sits in. */
export function attacksDir(derivedDir: string): string {
  return join(derivedDir, 'attacks');
}

/**
 * Removes the empty folders directly under `attacksDir(derivedDir)`.
 * @returns the names of the folders removed.
 */
export function sweepEmptyAttackFolders(derivedDir: string): string[] {
  const root = attacksDir(derivedDir);
  const removed: string[] = [];
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    try {
      // rmdir refuses a folder that holds anything, so a non-empty folder is never touched.
      rmdirSync(join(root, entry.name));
      removed.push(entry.name);
    } catch {
      // Not empty (or vanished meanwhile): keep it.
    }
  }
  return removed;
}

/** Removes the output folder of an attack that ended without a result (failed, cancelled, engine lost). */
export async function removeUnfinishedAttackFolder(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
}

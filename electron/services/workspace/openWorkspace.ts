/**
 * The workspace: a folder (AEGIS_HOME, default ~/.aegis; Electron's userData) holding the SQLite
 * database `aegis.db` (WAL mode, migrated to the current schema) and `derived/` for files Aegis
 * writes (attacked images, maps, reports), each written atomically.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { migrate, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';
import { writeFileAtomic } from '../../base/atomicWrite';

/** An open workspace. Close it once; the database stays consistent if the process dies instead. */
export interface Workspace {
  /** Absolute path of the workspace folder. */
  home: string;
  /** Absolute path of the folder for derived files. */
  derivedDir: string;
  db: Database.Database;
  /**
   * Writes a derived file atomically at `name` (a relative path such as "attacks/<id>.dcm") under
   * `derivedDir`; returns its absolute path. @throws when `name` would land outside `derivedDir`.
   */
  writeDerived(name: string, bytes: Uint8Array): string;
  close(): void;
}

/** The workspace folder: `AEGIS_HOME` if set, else `~/.aegis`. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.AEGIS_HOME && env.AEGIS_HOME.length > 0 ? env.AEGIS_HOME : join(homedir(), '.aegis'));
}

/**
 * Opens (creating if needed) the workspace at `home` and migrates its database.
 * @param migrations the schema steps; the default is the product's list (tests pass a prefix).
 * @throws WorkspaceTooNewError when the database was written by a newer Aegis.
 */
export function openWorkspace(home: string, migrations: readonly Migration[] = allMigrations): Workspace {
  const abs = resolve(home);
  const derivedDir = join(abs, 'derived');
  try {
    mkdirSync(derivedDir, { recursive: true });
  } catch (err) {
    throw new Error(`Cannot create the workspace folder ${abs}: ${(err as Error).message}`, { cause: err });
  }
  const file = join(abs, 'aegis.db');
  // The desktop app runs on Electron's Node ABI; `npm start` prepares a matching build of the
  // SQLite binding and names it here (scripts/electron-native.mjs). Plain Node uses the default.
  const nativeBinding = process.env.AEGIS_SQLITE_BINDING;
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations, file);
  } catch (err) {
    db.close();
    throw err;
  }
  const writeDerived = (name: string, bytes: Uint8Array): string => {
    const target = resolve(derivedDir, name);
    const rel = relative(derivedDir, target);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`"${name}" is not a file name inside the workspace's derived folder.`);
    return writeFileAtomic(target, bytes);
  };
  return { home: abs, derivedDir, db, writeDerived, close: () => db.close() };
}

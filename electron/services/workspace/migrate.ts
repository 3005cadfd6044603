/**
 * Versioned schema migrations for the workspace database. The applied versions are recorded in a
 * `migrations` table; each migration runs in its own transaction, so a failure leaves the database
 * at the last good version. A database written by a newer Aegis is refused with a clear error rather
 * than silently misread.
 */
import type Database from 'better-sqlite3';

/** One schema step: `version` counts up from 1 with no gaps; `up` runs inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Thrown when the database's schema is newer than this build knows. */
export class WorkspaceTooNewError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `${file}: the workspace database is at schema version ${found}, but this version of Aegis only knows ` +
        `versions up to ${known}. It was written by a newer Aegis; update Aegis or choose another workspace (AEGIS_HOME).`,
    );
    this.name = 'WorkspaceTooNewError';
  }
}

/** The highest applied migration version; 0 for a new database. */
export function schemaVersion(db: Database.Database): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Brings `db` up to the last of `migrations` (sorted, contiguous from 1). Returns the versions applied.
 * @throws WorkspaceTooNewError when the database is newer than the last migration.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], file: string): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at "${m.name}": expected version ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) throw new WorkspaceTooNewError(file, current, migrations.length);
  const record = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      record.run(m.version, m.name, Date.now());
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

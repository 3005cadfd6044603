import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultHome, openWorkspace } from '../../electron/services/workspace/openWorkspace';
import { migrations } from '../../electron/services/workspace/migrations';
import { migrate, schemaVersion, WorkspaceTooNewError } from '../../electron/services/workspace/migrate';
import { writeFileAtomic } from '../../electron/base/atomicWrite';

const homes: string[] = [];
function freshHome(): string {
  const h = mkdtempSync(join(tmpdir(), 'aegis-ws-'));
  homes.push(h);
  return h;
}
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

describe('workspace', () => {
  it('creates the folder, derived/, and a WAL database at the latest schema', () => {
    const home = join(freshHome(), 'nested', 'ws');
    const ws = openWorkspace(home);
    expect(existsSync(join(home, 'derived'))).toBe(true);
    expect(ws.derivedDir).toBe(join(home, 'derived'));
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(ws.db)).toBe(migrations.length);
    const tables = (ws.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['migrations', 'studies', 'series', 'instances', 'jobs', 'attacks', 'load_failures']));
    ws.close();
  });

  it('upgrades a version-1 database, keeping its rows, and records each version', () => {
    const home = freshHome();
    const old = openWorkspace(home, migrations.slice(0, 1));
    expect(schemaVersion(old.db)).toBe(1);
    old.db.prepare("INSERT INTO jobs (job_id, kind, state, progress, message, created_at) VALUES ('j1', 'attack', 'done', 1, 'Finished', 5)").run();
    old.close();

    const ws = openWorkspace(home);
    expect(schemaVersion(ws.db)).toBe(migrations.length);
    expect(ws.db.prepare('SELECT kind FROM jobs').all()).toEqual([{ kind: 'attack' }]);
    const versions = ws.db.prepare('SELECT version, name FROM migrations ORDER BY version').all() as Array<{ version: number; name: string }>;
    expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
    expect(ws.db.prepare("SELECT name FROM sqlite_master WHERE name = 'instances_by_series'").get()).toBeTruthy();
    ws.close();
  });

  it('reopening an up-to-date workspace applies nothing', () => {
    const home = freshHome();
    openWorkspace(home).close();
    const db = new Database(join(home, 'aegis.db'));
    expect(migrate(db, migrations, 'aegis.db')).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer Aegis with a clear error', () => {
    const home = freshHome();
    openWorkspace(home).close();
    const db = new Database(join(home, 'aegis.db'));
    db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migrations.length + 1, 'from the future', 0);
    db.close();
    expect(() => openWorkspace(home)).toThrow(WorkspaceTooNewError);
    expect(() => openWorkspace(home)).toThrow(
      `is at schema version ${migrations.length + 1}, but this version of Aegis only knows versions up to ${migrations.length}`,
    );
  });

  it('rolls back a failing migration as one transaction', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations.slice(0, 1),
      { version: 2, name: 'half applied', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table;') },
    ];
    expect(() => migrate(db, broken, ':memory:')).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('writes derived files inside derived/ only', () => {
    const ws = openWorkspace(freshHome());
    const path = ws.writeDerived('attacks/x.dcm', new Uint8Array([1, 2]));
    expect(path).toBe(join(ws.derivedDir, 'attacks', 'x.dcm'));
    expect([...readFileSync(path)]).toEqual([1, 2]);
    expect(() => ws.writeDerived('../aegis.db', new Uint8Array([0]))).toThrow(/not a file name inside/);
    expect(() => ws.writeDerived('/etc/passwd', new Uint8Array([0]))).toThrow(/not a file name inside/);
    ws.close();
  });

  it('AEGIS_HOME picks the folder, else ~/.aegis', () => {
    expect(defaultHome({ AEGIS_HOME: '/data/aegis' })).toBe('/data/aegis');
    expect(defaultHome({})).toMatch(/\.aegis$/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces a derived file whole and leaves no temporary files behind', () => {
    const dir = join(freshHome(), 'derived', 'attacks');
    const target = join(dir, 'a.dcm');
    writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    writeFileAtomic(target, new Uint8Array(100_000).fill(7));
    expect(readFileSync(target)).toEqual(Buffer.from(new Uint8Array(100_000).fill(7)));
    expect(readdirSync(dir)).toEqual(['a.dcm']);
  });

  it('keeps the old file when the new one cannot be written', () => {
    const dir = join(freshHome(), 'derived');
    const target = join(dir, 'b.dcm');
    writeFileAtomic(target, new Uint8Array([9]));
    mkdirSync(join(dir, 'folder-in-the-way.dcm'));
    expect(() => writeFileAtomic(join(dir, 'folder-in-the-way.dcm'), new Uint8Array([1]))).toThrow();
    expect(readFileSync(target)).toEqual(Buffer.from([9]));
    expect(readdirSync(dir).sort()).toEqual(['b.dcm', 'folder-in-the-way.dcm']);
  });
});

/**
 * Where QA item results live: the workspace database's `qa_results` table (schema v5, created by the
 * services' migrations). Each result is written in its own statement the moment it exists, so a crash
 * or `kill -9` loses at most the item being computed (ARCHITECTURE.md principle 6).
 */
import type Database from 'better-sqlite3';
import type { QaConfig, QaItemResult } from '../../shared/qaTypes';

/** The results a session reads and writes. */
export interface QaStore {
  get(key: string): QaItemResult | undefined;
  put(result: QaItemResult): void;
  /** Records the session's configuration (id = its hash); returns the id. */
  saveSession(sessionId: string, config: QaConfig): void;
}

/** A {@link QaStore} over an open, migrated workspace database. */
export function sqliteQaStore(db: Database.Database): QaStore {
  const has = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'qa_results'").get();
  if (!has) throw new Error('The workspace database has no qa_results table: open it with openWorkspace (schema v5 or newer) before a QA session.');
  const get = db.prepare<[string], { result_json: string }>('SELECT result_json FROM qa_results WHERE item_key = ?');
  const put = db.prepare(
    'INSERT OR REPLACE INTO qa_results (item_key, model_hash, image_hash, attack, eps, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const session = db.prepare(
    'INSERT INTO qa_sessions (session_id, config_json, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET updated_at = excluded.updated_at',
  );
  return {
    get(key) {
      const row = get.get(key);
      return row ? (JSON.parse(row.result_json) as QaItemResult) : undefined;
    },
    put(r) {
      put.run(r.key, r.modelHash, r.imageHash, r.attack, r.eps, JSON.stringify(r), Date.now());
    },
    saveSession(sessionId, config) {
      const now = Date.now();
      session.run(sessionId, JSON.stringify(config), now, now);
    },
  };
}

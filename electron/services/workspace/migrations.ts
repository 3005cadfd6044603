/**
 * The workspace schema, one migration per version. Append new versions at the end; never edit a
 * released one (users' databases already ran it).
 */
import type { Migration } from './migrate';

/** All schema migrations, version 1 first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'studies index, jobs, attacks',
    up(db) {
      db.exec(`
        CREATE TABLE studies (
          study_uid TEXT PRIMARY KEY,
          patient_name TEXT NOT NULL,
          patient_id TEXT NOT NULL,
          description TEXT NOT NULL,
          study_date TEXT NOT NULL
        );
        CREATE TABLE series (
          series_uid TEXT PRIMARY KEY,
          study_uid TEXT NOT NULL REFERENCES studies(study_uid),
          description TEXT NOT NULL,
          series_number REAL,
          modality TEXT NOT NULL,
          derived INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE instances (
          instance_key TEXT PRIMARY KEY,
          series_uid TEXT NOT NULL REFERENCES series(series_uid),
          path TEXT NOT NULL,
          number_of_frames INTEGER NOT NULL,
          series_rank INTEGER NOT NULL,
          indexed_at INTEGER NOT NULL
        );
        CREATE TABLE jobs (
          job_id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          state TEXT NOT NULL,
          progress REAL NOT NULL,
          message TEXT NOT NULL,
          error TEXT,
          result_json TEXT,
          created_at INTEGER NOT NULL,
          finished_at INTEGER
        );
        CREATE TABLE attacks (
          attack_id TEXT PRIMARY KEY,
          source_image_id TEXT NOT NULL,
          method TEXT NOT NULL,
          params_json TEXT NOT NULL,
          derived_path TEXT,
          result_json TEXT,
          created_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    name: 'per-file load failures; lookup indexes',
    up(db) {
      db.exec(`
        CREATE TABLE load_failures (
          path TEXT PRIMARY KEY,
          reason TEXT NOT NULL,
          seen_at INTEGER NOT NULL
        );
        CREATE INDEX instances_by_series ON instances(series_uid);
        CREATE INDEX instances_by_path ON instances(path);
        CREATE INDEX jobs_by_created ON jobs(created_at);
      `);
    },
  },
  {
    version: 3,
    name: 'jobs remember the process that runs them',
    up(db) {
      // The desktop app, the server and the CLI may share a workspace; only the owner of a job may
      // declare it interrupted.
      db.exec('ALTER TABLE jobs ADD COLUMN owner_pid INTEGER');
    },
  },
  {
    version: 4,
    name: 'attack records with their derived series; imported models; model descriptions',
    up(db) {
      db.exec(`
        ALTER TABLE attacks ADD COLUMN job_id TEXT;
        ALTER TABLE attacks ADD COLUMN study_uid TEXT;
        ALTER TABLE attacks ADD COLUMN model_id TEXT;
        ALTER TABLE attacks ADD COLUMN model_hash TEXT;
        ALTER TABLE attacks ADD COLUMN derived_image_id TEXT;
        ALTER TABLE attacks ADD COLUMN derived_series_uid TEXT;
        CREATE INDEX attacks_by_source ON attacks(source_image_id);
        CREATE INDEX attacks_by_study ON attacks(study_uid);
        CREATE TABLE imported_models (
          model_id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          source_path TEXT NOT NULL,
          stored_path TEXT NOT NULL,
          imported_at INTEGER NOT NULL
        );
        CREATE TABLE model_descriptions (
          path TEXT PRIMARY KEY,
          size INTEGER NOT NULL,
          mtime_ms REAL NOT NULL,
          description_json TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 5,
    name: 'QA sessions and their per-item results',
    up(db) {
      // One row per (model hash, image hash, attack, budget, seed, steps), keyed by a hash of those
      // (engine/qa/itemKey): written the moment an item finishes, so an interrupted session resumes
      // without redoing it, and two sessions over the same images share the work.
      db.exec(`
        CREATE TABLE qa_sessions (
          session_id TEXT PRIMARY KEY,
          config_json TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE qa_results (
          item_key TEXT PRIMARY KEY,
          model_hash TEXT NOT NULL,
          image_hash TEXT NOT NULL,
          attack TEXT NOT NULL,
          eps REAL NOT NULL,
          result_json TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX qa_results_by_image ON qa_results(image_hash);
      `);
    },
  },
  {
    version: 6,
    name: 'reader studies: design, cases, readers, answers',
    up(db) {
      // One row per answer, written in its own transaction the moment it is given (a kill loses
      // nothing answered); the reader resumes at the first case of their order without a row.
      db.exec(`
        CREATE TABLE reader_studies (
          study_id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          design_json TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE reader_study_cases (
          study_id TEXT NOT NULL REFERENCES reader_studies(study_id) ON DELETE CASCADE,
          case_id INTEGER NOT NULL,
          case_set TEXT NOT NULL,
          source_image_id TEXT NOT NULL,
          condition_id TEXT NOT NULL,
          truth INTEGER NOT NULL,
          truth_json TEXT NOT NULL,
          image_id TEXT,
          PRIMARY KEY (study_id, case_id)
        );
        CREATE TABLE reader_study_orders (
          study_id TEXT NOT NULL REFERENCES reader_studies(study_id) ON DELETE CASCADE,
          reader_id TEXT NOT NULL,
          phase_id TEXT NOT NULL,
          order_json TEXT NOT NULL,
          PRIMARY KEY (study_id, reader_id, phase_id)
        );
        CREATE TABLE reader_study_answers (
          study_id TEXT NOT NULL REFERENCES reader_studies(study_id) ON DELETE CASCADE,
          reader_id TEXT NOT NULL,
          phase_id TEXT NOT NULL,
          case_id INTEGER NOT NULL,
          answer_json TEXT NOT NULL,
          answered_at INTEGER NOT NULL,
          PRIMARY KEY (study_id, reader_id, phase_id, case_id)
        );
      `);
    },
  },
  {
    version: 7,
    name: 'derived series know their source series',
    up(db) {
      // Aegis-written series (attacked images) are grouped under the series they were derived from.
      db.exec('ALTER TABLE series ADD COLUMN source_series_uid TEXT');
    },
  },
];

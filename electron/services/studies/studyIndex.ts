/**
 * The opened-studies index in the workspace database: studies, series, instances and per-file load
 * failures, so the series browser survives a restart. Display order inside a series is the order the
 * DICOM indexer gave (position along the slice normal, then Instance Number); files of a series added
 * by a later open follow the ones already there.
 */
import type Database from 'better-sqlite3';
import { imageIdOf, parseImageId, type IndexResult } from '../../dicom/index';
import type { SeriesSummary } from '../../shared/studyTypes';

interface SeriesRow {
  series_uid: string;
  study_uid: string;
  description: string;
  series_number: number | null;
  modality: string;
  derived: number;
  source_series_uid: string | null;
  patient_name: string;
  patient_id: string;
  study_description: string;
  study_date: string;
}

/** Reads and writes the index tables. */
export class StudyIndex {
  constructor(private readonly db: Database.Database) {}

  /** Records one indexing result in one transaction; a file that loads now loses its old failure. */
  record(result: Pick<IndexResult, 'series' | 'instances' | 'failures'>): void {
    const study = this.db.prepare(
      `INSERT INTO studies (study_uid, patient_name, patient_id, description, study_date) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(study_uid) DO UPDATE SET patient_name = excluded.patient_name, patient_id = excluded.patient_id,
         description = excluded.description, study_date = excluded.study_date`,
    );
    const series = this.db.prepare(
      `INSERT INTO series (series_uid, study_uid, description, series_number, modality, derived, source_series_uid) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(series_uid) DO UPDATE SET description = excluded.description, series_number = excluded.series_number,
         modality = excluded.modality, derived = MAX(series.derived, excluded.derived),
         source_series_uid = COALESCE(excluded.source_series_uid, series.source_series_uid)`,
    );
    const sourceSeries = this.db.prepare('SELECT series_uid FROM instances WHERE instance_key = ?');
    const seriesOfSource = (sop: string | null | undefined): string | null =>
      !sop ? null : (result.instances.get(sop)?.seriesInstanceUid ?? (sourceSeries.get(sop) as { series_uid: string } | undefined)?.series_uid ?? null);
    const maxRank = this.db.prepare('SELECT MAX(series_rank) AS r FROM instances WHERE series_uid = ? AND instance_key NOT IN (SELECT value FROM json_each(?))');
    const instance = this.db.prepare(
      'INSERT OR REPLACE INTO instances (instance_key, series_uid, path, number_of_frames, series_rank, indexed_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const clearFailure = this.db.prepare('DELETE FROM load_failures WHERE path = ?');
    const failure = this.db.prepare('INSERT OR REPLACE INTO load_failures (path, reason, seen_at) VALUES (?, ?, ?)');
    const now = Date.now();
    this.db.transaction(() => {
      for (const s of result.series) {
        study.run(s.studyInstanceUid, s.patientName, s.patientId, s.studyDescription, s.studyDate);
        series.run(s.seriesInstanceUid, s.studyInstanceUid, s.seriesDescription, s.seriesNumber, s.modality, s.derived ? 1 : 0, seriesOfSource(s.sourceInstanceUid));
        // One entry per instance, in display order (its frames are consecutive image ids).
        const keys = [...new Set(s.imageIds.map((id) => parseImageId(id)?.key ?? ''))];
        const base = ((maxRank.get(s.seriesInstanceUid, JSON.stringify(keys)) as { r: number | null }).r ?? -1) + 1;
        keys.forEach((key, rank) => {
          const inst = result.instances.get(key);
          if (!inst) return;
          instance.run(key, s.seriesInstanceUid, inst.path, inst.numberOfFrames, base + rank, now);
          clearFailure.run(inst.path);
        });
      }
      for (const f of result.failures) failure.run(f.path, f.reason, now);
    })();
  }

  /** Summaries of the given series (all series when `seriesUids` is omitted), Patient → Study → Series order. */
  series(seriesUids?: readonly string[]): SeriesSummary[] {
    const rows = this.db
      .prepare(
        `SELECT s.series_uid, s.study_uid, s.description, s.series_number, s.modality, s.derived, s.source_series_uid,
                t.patient_name, t.patient_id, t.description AS study_description, t.study_date
         FROM series s JOIN studies t ON t.study_uid = s.study_uid
         ORDER BY t.patient_name, t.study_date, t.study_uid, s.series_number IS NULL, s.series_number, s.series_uid`,
      )
      .all() as SeriesRow[];
    const wanted = seriesUids ? new Set(seriesUids) : null;
    const frames = this.db.prepare('SELECT instance_key, number_of_frames FROM instances WHERE series_uid = ? ORDER BY series_rank, path');
    return rows
      .filter((r) => !wanted || wanted.has(r.series_uid))
      .map((r) => {
        const imageIds: string[] = [];
        for (const f of frames.all(r.series_uid) as Array<{ instance_key: string; number_of_frames: number }>) {
          for (let k = 0; k < f.number_of_frames; k++) imageIds.push(imageIdOf(f.instance_key, k));
        }
        return {
          patientName: r.patient_name,
          patientId: r.patient_id,
          studyInstanceUid: r.study_uid,
          studyDescription: r.study_description,
          studyDate: r.study_date,
          seriesInstanceUid: r.series_uid,
          seriesDescription: r.description,
          seriesNumber: r.series_number,
          modality: r.modality,
          imageIds,
          derived: r.derived === 1,
          sourceSeriesInstanceUid: r.source_series_uid,
        };
      })
      .filter((s) => s.imageIds.length > 0);
  }

  /** The file and frame count behind an instance key, or undefined if it was never opened. */
  instance(instanceKey: string): { path: string; numberOfFrames: number } | undefined {
    const row = this.db.prepare('SELECT path, number_of_frames FROM instances WHERE instance_key = ?').get(instanceKey) as
      | { path: string; number_of_frames: number }
      | undefined;
    return row ? { path: row.path, numberOfFrames: row.number_of_frames } : undefined;
  }
}

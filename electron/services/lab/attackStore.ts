/**
 * Attack records in the workspace database (table `attacks`, schema v4): one row per attack,
 * written in one transaction the moment the attack's derived file exists, so reopening a study
 * shows its attacked versions after a restart or a crash.
 */
import type Database from 'better-sqlite3';
import { attackRecordSchema, type AttackRecord } from '../../shared/labTypes';

/** Reads and writes attack records. */
export class AttackStore {
  constructor(private readonly db: Database.Database) {}

  /** Stores one record (one transaction; WAL makes it durable on commit). */
  insert(record: AttackRecord): void {
    this.db
      .prepare(
        `INSERT INTO attacks (attack_id, source_image_id, method, params_json, derived_path, result_json, created_at,
           job_id, study_uid, model_id, model_hash, derived_image_id, derived_series_uid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.attackId,
        record.sourceImageId,
        record.params.method,
        JSON.stringify(record.params),
        record.derived.path,
        JSON.stringify(record),
        record.createdAt,
        record.jobId,
        record.studyInstanceUid,
        record.model.id,
        record.model.hash,
        record.derived.imageId,
        record.derived.seriesInstanceUid,
      );
  }

  /** One record, or undefined. */
  get(attackId: string): AttackRecord | undefined {
    const row = this.db.prepare('SELECT result_json FROM attacks WHERE attack_id = ?').get(attackId) as { result_json: string | null } | undefined;
    return row?.result_json ? attackRecordSchema.parse(JSON.parse(row.result_json)) : undefined;
  }

  /**
   * Records newest first: of one study, or of one image (as the attacked original or as the derived
   * image), or all when neither is given.
   */
  list(filter: { studyInstanceUid?: string; imageId?: string }): AttackRecord[] {
    const where: string[] = ['result_json IS NOT NULL'];
    const args: string[] = [];
    if (filter.studyInstanceUid) {
      where.push('study_uid = ?');
      args.push(filter.studyInstanceUid);
    }
    if (filter.imageId) {
      where.push('(source_image_id = ? OR derived_image_id = ?)');
      args.push(filter.imageId, filter.imageId);
    }
    const rows = this.db.prepare(`SELECT result_json FROM attacks WHERE ${where.join(' AND ')} ORDER BY created_at DESC, rowid DESC`).all(...args) as Array<{ result_json: string }>;
    return rows.map((r) => attackRecordSchema.parse(JSON.parse(r.result_json)));
  }
}

/**
 * Job kind 'qa.session': runs (or resumes) a QA session in the engine process against the workspace
 * database the host has opened and migrated, then writes the report and results. Cancel stops after
 * the current item with every finished item kept; starting the same configuration again resumes it
 * (that is how the QA mode pauses: stop now, resume later, nothing redone).
 */
import Database from 'better-sqlite3';
import { defineJob } from './defineJob';

/** The 'qa.session' job kind; resolves to the session summary. */
export const qaSessionJob = defineJob('qa.session', async (p, { signal, progress }) => {
    const [{ sqliteQaStore }, { runQaSession }, { writeQaOutputs }] = await Promise.all([
      import('../qa/qaStore'),
      import('../qa/runQaSession'),
      import('../qa/writeQaOutputs'),
    ]);
    const nativeBinding = process.env.AEGIS_SQLITE_BINDING;
    const db = new Database(p.database, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      db.pragma('busy_timeout = 5000');
      const outcome = await runQaSession(p.config, sqliteQaStore(db), {
        signal,
        onProgress: (q) => {
          const eta = q.etaSeconds === null ? '' : ` · about ${Math.ceil(q.etaSeconds)} s left`;
          progress(q.total ? (0.95 * q.done) / q.total : 0, `${q.done} of ${q.total} items${eta}`);
        },
      });
      progress(0.96, 'Writing the report');
      return await writeQaOutputs(outcome, p.config, { report: p.report, outDir: p.outDir, appVersion: p.appVersion });
    } finally {
      db.close();
    }
});

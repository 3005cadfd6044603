/**
 * State of the opened studies: the series list, the per-file failures of the last open, and the
 * indexing job's progress (from 'job.progress' events of kind 'studies.open') with cancel.
 */
import { useCallback, useEffect, useState } from 'react';
import type { LoadFailure, SeriesSummary } from '../../../electron/shared/studyTypes';
import type { ApiClient } from '../../api/apiClient';
import { STUDIES_CHANGED_EVENT } from '../../api/studiesChanged';

/** The indexing job while it runs. `progress` is a fraction in [0, 1]. */
export interface OpenJob {
  jobId: string | null;
  progress: number;
  message: string;
}

/** What the study panel shows and can do. */
export interface Studies {
  series: SeriesSummary[];
  /** The series the last open touched (what the user just asked for). */
  lastOpened: SeriesSummary[];
  failures: LoadFailure[];
  /** Files looked at by the last open. */
  scanned: number;
  job: OpenJob | null;
  /** Plain-words error of the last open, or null. */
  error: string | null;
  open(paths: string[]): Promise<void>;
  cancel(): void;
}

/** Hook over the API's 'studies.*' calls. */
export function useStudies(api: ApiClient): Studies {
  const [series, setSeries] = useState<SeriesSummary[]>([]);
  const [lastOpened, setLastOpened] = useState<SeriesSummary[]>([]);
  const [failures, setFailures] = useState<LoadFailure[]>([]);
  const [scanned, setScanned] = useState(0);
  const [job, setJob] = useState<OpenJob | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('studies.list', {}).then(
      (r) => live && setSeries(r.series),
      () => undefined, // an empty workspace is fine; open() reports real errors
    );
    const off = api.onEvent('job.progress', (p) => {
      if (p.kind !== 'studies.open') return;
      setJob((j) => (j ? { jobId: p.jobId, progress: p.progress, message: p.message } : j));
    });
    // The lab announces new derived series (attacks) with this window event.
    const relist = () => void api.call('studies.list', {}).then((r) => live && setSeries(r.series), () => undefined);
    window.addEventListener(STUDIES_CHANGED_EVENT, relist);
    return () => {
      live = false;
      off();
      window.removeEventListener(STUDIES_CHANGED_EVENT, relist);
    };
  }, [api]);

  const open = useCallback(
    async (paths: string[]) => {
      setError(null);
      setJob({ jobId: null, progress: 0, message: 'Looking for DICOM files…' });
      try {
        const result = await api.call('studies.open', { paths });
        setFailures(result.failures);
        setLastOpened(result.series);
        setScanned(result.scanned);
        const all = await api.call('studies.list', {});
        setSeries(all.series);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setJob(null);
      }
    },
    [api],
  );

  const cancel = useCallback(() => {
    if (job?.jobId) void api.call('jobs.cancel', { jobId: job.jobId }).catch(() => undefined);
  }, [api, job]);

  return { series, lastOpened, failures, scanned, job, error, open, cancel };
}

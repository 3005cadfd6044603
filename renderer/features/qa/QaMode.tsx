/**
 * The QA mode: configure a session (models, labelled images, attacks × budgets, defences), run it as
 * a 'qa.session' job with progress, ETA and Cancel (cancel keeps every finished item; starting the
 * same session again resumes it), then show the summary tables and the report's charts.
 */
import { useEffect, useState } from 'react';
import type { QaChartSvg } from '../../../electron/shared/qaCalls';
import type { QaSummary } from '../../../electron/shared/qaSummary';
import type { ModelEntry } from '../../../electron/shared/labTypes';
import type { ApiClient } from '../../api/apiClient';
import { describeError, JobEndedError, runJob, type JobStatus } from '../../api/runJob';
import { JobProgressBar } from '../../components/JobProgressBar';
import { QaChartCanvas } from './QaChartCanvas';
import { INITIAL_QA_FORM, qaStartInput, type QaFormState } from './qaForm';
import { QaSetupForm } from './QaSetupForm';
import { QaSummaryTable } from './QaSummaryTable';
import './qa.css';

/** A finished session: its summary, charts and where its report and per-image results were written. */
interface Finished {
  summary: QaSummary;
  charts: QaChartSvg[];
  report: string;
  outDir: string;
}

/** QA: batch robustness sessions, tables with 95 % intervals, and the report's charts. */
export function QaMode({ api }: { api: ApiClient }) {
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [form, setForm] = useState<QaFormState>(INITIAL_QA_FORM);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [finished, setFinished] = useState<Finished | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.call('models.list', {}).then((r) => setModels(r.models), (err: unknown) => setError(describeError(err)));
  }, [api]);

  const start = async () => {
    setError(null);
    let input;
    try {
      input = qaStartInput(form);
    } catch (err) {
      setError(describeError(err));
      return;
    }
    setFinished(null);
    setStatus({ jobId: null, progress: 0, message: 'Starting' });
    let paths = { report: '', outDir: '' };
    try {
      const job = runJob<QaSummary>(
        api,
        async () => {
          const r = await api.call('qa.start', input);
          paths = { report: r.report, outDir: r.outDir };
          return r;
        },
        setStatus,
      );
      const summary = await job.done;
      const { charts } = await api.call('qa.charts', { jobId: await job.started });
      setFinished({ summary, charts, ...paths });
    } catch (err) {
      setError(err instanceof JobEndedError && err.cancelled ? 'QA session cancelled; every finished item is kept, and starting the same session again resumes it.' : describeError(err));
    } finally {
      setStatus(null);
    }
  };

  const cancel = () => {
    if (status?.jobId) api.call('jobs.cancel', { jobId: status.jobId }).catch((err: unknown) => setError(describeError(err)));
  };

  return (
    <div className="qa-mode">
      <h1>QA session</h1>
      <QaSetupForm models={models} form={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} busy={status !== null} onStart={() => void start()} />
      {status && <JobProgressBar label="QA session" status={status} onCancel={cancel} />}
      {error && <p role="alert" className="error">{error}</p>}
      {finished && (
        <section className="qa-results" aria-label="QA results">
          <h2>Results</h2>
          <p className="dim">
            Report: <code>{finished.report}</code> · per-image results: <code>{finished.outDir}</code>
          </p>
          <QaSummaryTable summary={finished.summary} />
          <div className="qa-charts" aria-label="QA charts">
            {finished.charts.map((c) => (
              <QaChartCanvas key={c.id} chart={c} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

/**
 * The demo offer (issue 5, item 5): on a first start — nothing opened in this workspace yet — a
 * clear button opens the demo study (synthetic chest phantoms written by the engine, no download);
 * later a discreet button opens it again. Opening runs 'app.demo': the writing job and the indexing
 * are followed through their 'job.progress' events, failures are shown in plain words, and the
 * series browser is told to fetch the list again.
 */
import { useEffect, useState, type CSSProperties } from 'react';
import type { CallOutput } from '../../../electron/shared/contract';
import type { ApiClient } from '../../api/apiClient';
import { describeError } from '../../api/runJob';
import { STUDIES_CHANGED_EVENT } from '../../api/studiesChanged';

/** Props of {@link DemoOffer}. */
export interface DemoOfferProps {
  api: ApiClient;
}

/** The job kinds 'app.demo' runs, and how each is named to the user. */
const DEMO_STAGES: Record<string, string> = {
  'demo.generate': 'Writing the demo study',
  'studies.open': 'Indexing the demo study',
};

/** Where the demo is: `progress` is a fraction in [0, 1], or null while the stage reports none. */
interface DemoRun {
  jobId: string | null;
  progress: number | null;
  message: string;
}

/** A button drawn as a quiet link, for the offer once the workspace is in use. */
const DISCREET: CSSProperties = { background: 'none', border: 'none', padding: 0, color: 'var(--accent)', textDecoration: 'underline', alignSelf: 'flex-start' };

/** Demo button (prominent on first start, discreet later), its progress and its outcome. */
export function DemoOffer({ api }: DemoOfferProps) {
  const [status, setStatus] = useState<CallOutput<'app.demoStatus'> | null>(null);
  const [run, setRun] = useState<DemoRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<CallOutput<'app.demo'> | null>(null);

  useEffect(() => {
    let live = true;
    api.call('app.demoStatus', {}).then(
      (s) => live && setStatus(s),
      (err: unknown) => live && setError(`Could not ask whether the demo study exists: ${describeError(err)}`),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const open = async () => {
    setError(null);
    setRun({ jobId: null, progress: null, message: 'Preparing the demo study…' });
    const off = api.onEvent('job.progress', (p) => {
      const stage = DEMO_STAGES[p.kind];
      if (stage) setRun({ jobId: p.jobId, progress: p.kind === 'demo.generate' && p.progress === 0 ? null : p.progress, message: `${stage}: ${p.message}` });
    });
    try {
      const result = await api.call('app.demo', {});
      setOpened(result);
      setStatus((s) => (s ? { ...s, firstStart: false, written: true } : s));
      window.dispatchEvent(new Event(STUDIES_CHANGED_EVENT));
    } catch (err) {
      setError(`The demo study could not be opened: ${describeError(err)}`);
    } finally {
      off();
      setRun(null);
    }
  };

  const cancel = () => {
    if (run?.jobId) void api.call('jobs.cancel', { jobId: run.jobId }).catch(() => undefined);
  };

  if (!status && !error) return null;
  const first = status?.firstStart ?? false;
  const label = first
    ? `Open the demo study${status?.written ? ' again' : ''} (synthetic phantoms, not for clinical use)`
    : status?.written
      ? 'Open the demo study again'
      : 'Open the demo study';
  return (
    <section className="open-panel demo-offer" aria-label="Demo study">
      {status && (
        <button
          type="button"
          onClick={() => void open()}
          disabled={run !== null}
          style={first ? { background: 'var(--accent-dim)', borderColor: 'var(--accent)', padding: '8px 10px' } : DISCREET}
          title={`Synthetic PA chest phantoms written into ${status.path}; not patient data, not for clinical use.`}
        >
          {label}
        </button>
      )}
      {run && (
        <div className="job-progress" role="status" aria-live="polite">
          <progress max={1} value={run.progress ?? undefined} aria-label="Demo study progress" />
          <span className="job-message">{run.message}</span>
          <button type="button" onClick={cancel} disabled={!run.jobId}>
            Cancel
          </button>
        </div>
      )}
      {opened && !run && (
        <p className="dim" role="status" data-testid="demo-opened">
          Demo opened: {opened.series.length} series
          {opened.models.length > 0 && <>; bundled models: {opened.models.map((m) => m.name).join(', ')} — pick one in the Model panel</>}.
        </p>
      )}
      {error && (
        <p className="open-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

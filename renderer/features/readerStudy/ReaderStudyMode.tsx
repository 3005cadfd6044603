/**
 * The Reader study mode: Design a study (images, conditions, readers, seed; images generated as a
 * job), Read it as one reader (blinded, full screen, keyboard) and see its Results (charts and table).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/apiClient';
import { describeError } from '../../api/runJob';
import { BundlePanel } from './BundlePanel';
import { DesignPanel } from './DesignPanel';
import { ReadingScreen } from './ReadingScreen';
import { ResultsPanel } from './ResultsPanel';
import './readerStudy.css';

type Tab = 'design' | 'read' | 'results';
type Progress = { readerId: string; answered: number; total: number }[];

/** Reader study: design, blinded reading and results. */
export function ReaderStudyMode({ api }: { api: ApiClient }) {
  const [studies, setStudies] = useState<{ studyId: string; name: string }[]>([]);
  const [studyId, setStudyId] = useState('');
  const [tab, setTab] = useState<Tab>('design');
  const [progress, setProgress] = useState<Progress>([]);
  const [readerId, setReaderId] = useState('');
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const refresh = useCallback(
    (select?: string) => {
      void api.call('readerStudies.list', {}).then(
        (r) => {
          setStudies(r.studies);
          setStudyId((s) => select ?? (s || (r.studies[r.studies.length - 1]?.studyId ?? '')));
        },
        (e: unknown) => setError(describeError(e)),
      );
    },
    [api],
  );
  useEffect(() => refresh(), [refresh]);
  useEffect(() => {
    if (!studyId || reading) return;
    void api.call('readerStudies.get', { studyId }).then(
      (s) => {
        setProgress(s.progress);
        setReaderId((r) => (s.progress.some((p) => p.readerId === r) ? r : (s.progress[0]?.readerId ?? '')));
      },
      (e: unknown) => setError(describeError(e)),
    );
  }, [api, studyId, reading, tab]);

  if (reading && studyId && readerId) return <ReadingScreen api={api} studyId={studyId} readerId={readerId} onExit={() => setReading(false)} />;
  return (
    <div className="rs-mode">
      <nav className="rs-bar" aria-label="Reader study">
        <label>
          Study{' '}
          <select value={studyId} onChange={(e) => setStudyId(e.target.value)}>
            <option value="">None yet</option>
            {studies.map((s) => (
              <option key={s.studyId} value={s.studyId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {(['design', 'read', 'results'] as const).map((t) => (
          <button key={t} type="button" aria-pressed={tab === t} onClick={() => setTab(t)} disabled={t !== 'design' && !studyId}>
            {t === 'design' ? 'Design' : t === 'read' ? 'Read' : 'Results'}
          </button>
        ))}
      </nav>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {tab === 'design' && (
        <DesignPanel
          api={api}
          onCreated={(id) => {
            refresh(id);
            setTab('read');
          }}
        />
      )}
      {tab === 'read' && studyId && (
        <section className="rs-read" aria-label="Choose a reader">
          <ul>
            {progress.map((p) => (
              <li key={p.readerId}>
                <label>
                  <input type="radio" name="reader" checked={readerId === p.readerId} onChange={() => setReaderId(p.readerId)} /> {p.readerId}: {p.answered} / {p.total} answered
                </label>
              </li>
            ))}
          </ul>
          <button type="button" disabled={!readerId} onClick={() => setReading(true)}>
            Start or resume reading as {readerId || '…'}
          </button>
          <p className="dim">Full screen and blinded. Y/N manipulated, 1–5 confidence, Enter submits (no going back), P pauses, Esc leaves.</p>
        </section>
      )}
      {tab === 'results' && studyId && (
        <>
          <ResultsPanel key={version} api={api} studyId={studyId} />
          <BundlePanel api={api} studyId={studyId} onMerged={() => setVersion((v) => v + 1)} />
        </>
      )}
    </div>
  );
}

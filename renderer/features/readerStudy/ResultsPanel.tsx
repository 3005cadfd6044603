/**
 * Results of a study: for each phase, ROC curves per reader and pooled, per-condition detection bars
 * (both on <canvas>), and a table of every reader's and the pooled figures — each with its 95 %
 * interval and n — ready to copy into a paper.
 */
import { useEffect, useRef, useState } from 'react';
import type { PhaseResultsView, StudyResultsView } from '../../../electron/shared/readerStudyCalls';
import type { ApiClient } from '../../api/apiClient';
import { describeError } from '../../api/runJob';
import { drawConditionBars, drawRoc, READER_COLOURS, withInterval } from './resultCharts';

/** Props: the API and the study shown. */
export interface ResultsPanelProps {
  api: ApiClient;
  studyId: string;
}

type Proportion = { estimate: number; low: number; high: number; k: number; n: number } | null;
const prop = (p: Proportion) => (p ? `${withInterval(p.estimate, p.low, p.high)} (${p.k}/${p.n})` : '–');
type Auc = { auc: number; low: number; high: number; negatives: number; positives: number } | null;
const aucText = (a: Auc) => (a ? `${withInterval(a.auc, a.low, a.high)} (n=${a.negatives}+${a.positives})` : '–');

/** A canvas drawn by `draw` whenever `phase` changes. */
function Chart({ label, phase, draw }: { label: string; phase: PhaseResultsView; draw: (c: HTMLCanvasElement, p: PhaseResultsView) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) draw(ref.current, phase);
  }, [draw, phase]);
  return <canvas ref={ref} width={480} height={320} role="img" aria-label={label} />;
}

/** One phase's charts and table. */
function PhaseResults({ phase }: { phase: PhaseResultsView }) {
  const rows = [...phase.readers.map((r) => ({ ...r, name: r.readerId })), { ...phase.pooled, name: 'Pooled' }];
  const avg = phase.readerAveragedAuc;
  return (
    <section className="rs-phase" aria-label={`Results: ${phase.label}`}>
      <h3>
        {phase.label} ({phase.answers} answers)
      </h3>
      <div className="rs-charts">
        <figure>
          <Chart label={`ROC curves, ${phase.label}`} phase={phase} draw={drawRoc} />
          <figcaption>
            <ul className="rs-legend">
              {phase.readers.map((r, i) => (
                <li key={r.readerId} style={{ color: READER_COLOURS[i % READER_COLOURS.length] }}>
                  {r.readerId}: AUC {aucText(r.auc)}
                </li>
              ))}
              <li>Pooled (thick): AUC {aucText(phase.pooled.auc)}</li>
              {avg && (
                <li>
                  Reader-averaged AUC {withInterval(avg.auc, avg.lower, avg.upper)} ({avg.readers} readers{avg.df !== null ? `, df ${avg.df.toFixed(1)}` : ''})
                </li>
              )}
              {phase.readerAveragedNote && <li className="dim">{phase.readerAveragedNote}</li>}
            </ul>
          </figcaption>
        </figure>
        <figure>
          <Chart label={`Detection rate per condition, ${phase.label}`} phase={phase} draw={drawConditionBars} />
          <figcaption className="dim">Rate of images called manipulated in each condition (on clean images: false alarms), 95 % Wilson interval.</figcaption>
        </figure>
      </div>
      <table className="rs-table" aria-label={`Figures, ${phase.label}`}>
        <thead>
          <tr>
            <th>Reader</th>
            <th>Sensitivity [95 % CI] (k/n)</th>
            <th>Specificity [95 % CI] (k/n)</th>
            <th>Accuracy [95 % CI] (k/n)</th>
            <th>AUC [95 % CI] (n clean+manipulated)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td>{r.name}</td>
              <td>{prop(r.sensitivity)}</td>
              <td>{prop(r.specificity)}</td>
              <td>{prop(r.accuracy)}</td>
              <td>{aucText(r.auc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {phase.kappa && (
        <p>
          Fleiss&apos; kappa {withInterval(phase.kappa.kappa, phase.kappa.lower, phase.kappa.upper)} ({phase.kappa.raters} readers, {phase.kappa.subjects} cases)
        </p>
      )}
    </section>
  );
}

/** The statistics view. */
export function ResultsPanel({ api, studyId }: ResultsPanelProps) {
  const [results, setResults] = useState<StudyResultsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setResults(null);
    void api.call('readerStudies.results', { studyId }).then(setResults, (e: unknown) => setError(describeError(e)));
  }, [api, studyId]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!results) return <p className="dim">Computing the statistics…</p>;
  return (
    <section className="rs-results" aria-label="Reader study results">
      {results.phases.map((p) => (
        <PhaseResults key={p.phaseId} phase={p} />
      ))}
      {results.differences.map((d) => (
        <p key={d.phases.join('-')}>
          {d.phases[1]} − {d.phases[0]}: detection {d.detection ? `${withInterval(d.detection.estimate, d.detection.low, d.detection.high)} (${d.detection.k1}/${d.detection.n1} vs ${d.detection.k2}/${d.detection.n2})` : '–'}
        </p>
      ))}
    </section>
  );
}

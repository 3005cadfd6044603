/**
 * The compare view of one attack: original | attacked | perturbation (×gain, diverging colours),
 * synchronised (scroll, zoom, pan, window/level), with flicker and swipe (curtain) modes, the call
 * before and after as probability bars, the perturbation metrics, and the exports. The attacked image
 * always carries the ADVERSARIAL badge.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttackRecord } from '../../../electron/shared/labTypes';
import type { ApiClient } from '../../api/apiClient';
import type { ViewportController, ViewportState } from '../../viewer/ViewportController';
import { describeRun } from '../../components/describeRun';
import { ProbabilityBars } from '../../components/ProbabilityBars';
import { CompareExports } from './CompareExports';
import { ComparePane } from './ComparePane';
import { CompareSync } from './compareSync';
import { metricRows } from '../../components/metricFormat';
import { perturbationImageId, registerPerturbationLoader } from './perturbationImages';
import { useFlicker } from './useFlicker';

/** Element ids of the three panes are `viewport-<FIRST_PANE + i>`. */
export const FIRST_PANE = 10;
const TITLES = ['Original', 'Attacked', 'Perturbation'] as const;
type Mode = 'side' | 'flicker' | 'swipe';

/** Props of {@link CompareView}. */
export interface CompareViewProps {
  api: ApiClient;
  record: AttackRecord;
  onClose: () => void;
}

/** The compare view (a region over the viewer; Escape or Close leaves it). */
export function CompareView({ api, record, onClose }: CompareViewProps) {
  registerPerturbationLoader(api);
  const [gain, setGain] = useState(50);
  const [mode, setMode] = useState<Mode>('side');
  const [rate, setRate] = useState(2);
  const [curtain, setCurtain] = useState(50);
  const controllers = useRef<(ViewportController | null)[]>([null, null, null]);
  const [states, setStates] = useState<(ViewportState | null)[]>([null, null, null]);
  const sync = useRef<CompareSync | null>(null);
  const ids = [record.sourceImageId, record.derived.imageId, perturbationImageId(record.attackId, gain)];
  const decision = (d: AttackRecord['decisionBefore']) => (typeof d === 'number' ? d : null);

  const ready = states.map((s) => Boolean(s?.imageId)).join();
  useEffect(() => {
    sync.current ??= new CompareSync();
    const [o, a, p] = controllers.current;
    if (o && a && states[0]?.imageId && states[1]?.imageId) sync.current.link(o.element, a.element, states[2]?.imageId ? (p?.element ?? null) : null);
    // Linked once each pane has its image on screen.
  }, [ready]);
  useEffect(() => () => sync.current?.destroy(), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const phase = useFlicker(controllers.current[1]?.element ?? null, mode === 'flicker' && Boolean(states[1]?.imageId), rate, ids[0], ids[1]);

  useEffect(() => {
    (window as unknown as { __aegisCompare?: unknown }).__aegisCompare = Object.freeze({
      attackId: record.attackId,
      mode,
      phase,
      panes: states.map((s, i) => ({ elementId: `viewport-${FIRST_PANE + i}`, imageId: s?.imageId ?? null, scale: s?.scale ?? null, voi: s?.voi ?? null, renderCount: s?.renderCount ?? 0 })),
    });
    return () => void delete (window as unknown as { __aegisCompare?: unknown }).__aegisCompare;
  }, [record.attackId, mode, phase, states]);

  const onState = useCallback((i: number, s: ViewportState) => setStates((all) => all.map((x, j) => (j === i ? s : x))), []);
  const zoom = (f: number) => controllers.current[0]?.zoomBy(f);

  return (
    <section className="compare-view" aria-label="Compare original and attacked image">
      <header className="compare-toolbar">
        <h2>
          <span data-testid="attack-header">{describeRun(record)}</span> —{' '}
          <strong data-testid="attack-outcome">{record.success ? 'the call changed' : 'the call did not change'}</strong>
        </h2>
        <div className="row" role="group" aria-label="Compare mode">
          {(['side', 'flicker', 'swipe'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {m === 'side' ? 'Side by side' : m === 'flicker' ? 'Flicker' : 'Swipe'}
            </button>
          ))}
          {mode === 'flicker' && (
            <label>
              Rate (changes/s)
              <input type="number" min={0.5} max={20} step={0.5} value={rate} onChange={(e) => setRate(Number(e.target.value))} />
            </label>
          )}
          {mode === 'swipe' && (
            <label>
              Curtain {curtain} %
              <input type="range" min={0} max={100} value={curtain} onChange={(e) => setCurtain(Number(e.target.value))} />
            </label>
          )}
          <label>
            Amplify ×
            <select value={gain} onChange={(e) => setGain(Number(e.target.value))}>
              {[1, 10, 25, 50, 100, 200].map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => zoom(1.25)}>Zoom in</button>
          <button type="button" onClick={() => zoom(0.8)}>Zoom out</button>
          <button type="button" onClick={() => controllers.current[0]?.reset()}>Reset view</button>
          <button type="button" onClick={onClose}>Close compare</button>
        </div>
      </header>
      <div className={`compare-stage mode-${mode}`}>
        {ids.map((imageId, i) => (
          <ComparePane
            key={i}
            index={FIRST_PANE + i}
            title={i === 1 && mode === 'flicker' ? `Flicker: ${phase}` : i === 2 ? `${TITLES[2]} ×${gain}` : TITLES[i]}
            imageId={imageId}
            adversarial={i === 1 && !(mode === 'flicker' && phase === 'original')}
            className={`pane-${i}`}
            style={i === 1 && mode === 'swipe' ? { clipPath: `inset(0 0 0 ${curtain}%)` } : undefined}
            onController={(c) => (controllers.current[i] = c)}
            onState={(s) => onState(i, s)}
          />
        ))}
        {mode === 'swipe' && (
          <div className="curtain" aria-hidden="true">
            <span style={{ left: `${curtain}%` }} />
          </div>
        )}
      </div>
      <div className="compare-facts">
        {record.probabilitiesBefore && (
          <ProbabilityBars
            label="Call before and after the attack"
            classes={record.classes}
            probabilities={record.probabilitiesBefore}
            decision={decision(record.decisionBefore)}
            after={record.probabilitiesAfter}
            afterDecision={decision(record.decisionAfter)}
          />
        )}
        <table className="metrics" aria-label="Perturbation metrics">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Stored values</th>
              <th scope="col">Normalised units</th>
            </tr>
          </thead>
          <tbody>
            {metricRows(record).map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td>{r.stored}</td>
                <td>{r.normalised}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <CompareExports api={api} record={record} viewports={TITLES.map((t, i) => ({ title: t, elementId: `viewport-${FIRST_PANE + i}` }))} />
      </div>
    </section>
  );
}

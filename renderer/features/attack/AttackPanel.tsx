/**
 * Attack lab: method, budget (eps, normalised display units), norm, steps, step size, target class
 * and seed, or a preset from the literature; runs as a job with progress and Cancel, then hands the
 * stored record to the compare view. "Robustness margin" bisects for the smallest budget that
 * flips the call.
 */
import { useEffect, useState } from 'react';
import { attackEntry } from '../../../electron/shared/attackCatalogue';
import type { MarginJobResult } from '../../../electron/shared/jobResults';
import type { AttackParams, AttackPreset, AttackRecord, LabAttackMethod } from '../../../electron/shared/labTypes';
import type { ApiClient } from '../../api/apiClient';
import { ClassSelect } from '../../components/ClassSelect';
import { JobProgressBar } from '../../components/JobProgressBar';
import { STUDIES_CHANGED_EVENT } from '../../api/studiesChanged';
import { describeError, JobEndedError, runJob, type JobStatus } from '../../api/runJob';
import { AttackHistory } from './AttackHistory';
import { initialAttackParams, LAB_ATTACK_METHODS, marginMethod } from './attackMethods';
import { budgetWarning, paramsForMethod, paramsForNorm, presetParams } from './attackSettings';
import { MarginResult } from './MarginResult';

/** Props of {@link AttackPanel}. */
export interface AttackPanelProps {
  api: ApiClient;
  modelId: string | null;
  imageId: string | null;
  classes: string[];
  /** Pixels of the image on screen (rows × columns), for the L2 budget check; null when unknown. */
  imagePixels: number | null;
  onAttacked: (record: AttackRecord) => void;
}

/** The attack section. */
export function AttackPanel({ api, modelId, imageId, classes, imagePixels, onAttacked }: AttackPanelProps) {
  const [presets, setPresets] = useState<AttackPreset[]>([]);
  const [params, setParams] = useState<AttackParams>(initialAttackParams);
  const [status, setStatus] = useState<{ what: 'Attack' | 'Margin search'; s: JobStatus } | null>(null);
  const [margin, setMargin] = useState<MarginJobResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stored, setStored] = useState(0);
  // The preset the settings came from; any change by hand makes them custom again.
  const [activePreset, setActivePreset] = useState('');

  useEffect(() => {
    api.call('attacks.presets', {}).then((r) => setPresets(r.presets), (err: unknown) => setError(describeError(err)));
  }, [api]);
  // A margin found for another model or image is not this one's.
  useEffect(() => setMargin(null), [modelId, imageId]);
  const set = (patch: Partial<AttackParams>) => {
    setActivePreset('');
    setParams((p) => ({ ...p, ...patch }));
  };
  const warning = budgetWarning(params, imagePixels);
  const ready = Boolean(modelId && imageId) && status === null;

  const follow = async <R,>(what: 'Attack' | 'Margin search', start: () => Promise<{ jobId: string }>): Promise<R | null> => {
    setError(null);
    setStatus({ what, s: { jobId: null, progress: 0, message: 'Starting' } });
    try {
      return await runJob<R>(api, start, (s) => setStatus({ what, s })).done;
    } catch (err) {
      setError(err instanceof JobEndedError && err.cancelled ? `${what} cancelled; nothing was written.` : describeError(err));
      return null;
    } finally {
      setStatus(null);
    }
  };

  const attack = async () => {
    if (!modelId || !imageId) return;
    let attackId = '';
    const done = await follow('Attack', async () => {
      const r = await api.call('attack.run', { ...params, modelId, imageId });
      attackId = r.attackId;
      return r;
    });
    if (done === null) return;
    try {
      onAttacked(await api.call('attacks.get', { attackId }));
      window.dispatchEvent(new Event(STUDIES_CHANGED_EVENT));
      setStored((n) => n + 1);
    } catch (err) {
      setError(describeError(err));
    }
  };

  const findMargin = async () => {
    if (!modelId || !imageId) return;
    const method = marginMethod(params.method);
    const r = await follow<MarginJobResult>('Margin search', () => api.call('attack.margin', { modelId, imageId, method, norm: params.norm, seed: params.seed }));
    if (r) setMargin(r);
  };

  const field = (label: string, key: 'eps' | 'steps' | 'alpha' | 'seed', step: number) => (
    <label>
      {label}
      <input type="number" step={step} min={0} value={params[key] ?? ''} onChange={(e) => set({ [key]: e.target.value === '' ? undefined : Number(e.target.value) })} />
    </label>
  );
  return (
    <section className="lab-section" aria-label="Attack lab">
      <h2>Attack lab</h2>
      <label>
        Preset
        <select
          value={activePreset}
          onChange={(e) => {
            const p = presets.find((x) => x.id === e.target.value);
            if (!p) return;
            setParams(presetParams(p));
            setActivePreset(p.id);
          }}
        >
          <option value="">{activePreset ? 'Custom settings' : 'Custom settings (or choose a preset from the literature…)'}</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id} title={p.reference}>
              {p.label} — {p.reference}
            </option>
          ))}
        </select>
      </label>
      <label>
        Method
        <select value={params.method} onChange={(e) => (setActivePreset(''), setParams((p) => paramsForMethod(p, e.target.value as LabAttackMethod)))}>
          {LAB_ATTACK_METHODS.map((m) => (
            <option key={m.id} value={m.id} title={m.summary}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Norm
        <select value={params.norm ?? 'linf'} onChange={(e) => (setActivePreset(''), setParams((p) => paramsForNorm(p, e.target.value as 'linf' | 'l2')))}>
          {attackEntry(params.method).norms.map((n) => (
            <option key={n} value={n}>
              {n === 'l2' ? 'L2' : 'L∞'}
            </option>
          ))}
        </select>
      </label>
      {field('Budget eps (normalised units)', 'eps', 0.005)}
      {warning && (
        <p role="alert" className="error" data-testid="budget-warning">
          {warning}
        </p>
      )}
      {field('Steps', 'steps', 1)}
      {field('Step size alpha (empty: method default)', 'alpha', 0.001)}
      {field('Seed', 'seed', 1)}
      <ClassSelect label="Target class" noneLabel="Untargeted (any other class)" classes={classes} value={params.targetClass ?? null} onChange={(v) => set({ targetClass: v ?? undefined })} />
      <div className="row">
        <button type="button" disabled={!ready} onClick={() => void attack()}>
          Run attack
        </button>
        <button type="button" disabled={!ready} onClick={() => void findMargin()}>
          Robustness margin
        </button>
      </div>
      {status && <JobProgressBar label={status.what} status={status.s} onCancel={() => status.s.jobId && void api.call('jobs.cancel', { jobId: status.s.jobId })} />}
      {error && <p role="alert" className="error">{error}</p>}
      {margin && <MarginResult margin={margin} />}
      <AttackHistory api={api} imageId={imageId} refresh={stored} onOpen={onAttacked} />
    </section>
  );
}

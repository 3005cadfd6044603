/**
 * Design: source images from a workspace series, clean plus catalogue attacks at chosen budgets,
 * readers and a seed; Create saves the study, then its attacked images are made by a
 * 'readerStudies.generate' job shown with the shared progress bar and Cancel.
 */
import { useEffect, useState } from 'react';
import type { SeriesSummary } from '../../../electron/shared/studyTypes';
import type { ApiClient } from '../../api/apiClient';
import { describeError, JobEndedError, runJob, type JobStatus } from '../../api/runJob';
import { JobProgressBar } from '../../components/JobProgressBar';
import { buildDesign, STUDY_ATTACKS, type ConditionChoice } from './designForm';

/** Props: the API, and what to do once a study exists and its images are made. */
export interface DesignPanelProps {
  api: ApiClient;
  onCreated: (studyId: string) => void;
}

/** The Design form. */
export function DesignPanel({ api, onCreated }: DesignPanelProps) {
  const [series, setSeries] = useState<SeriesSummary[]>([]);
  const [models, setModels] = useState<{ id: string; name: string }[]>([]);
  const [seriesUid, setSeriesUid] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [attacks, setAttacks] = useState<Record<string, number | null>>({ pgd: 0.02 });
  const [name, setName] = useState('Spot the fakes');
  const [readers, setReaders] = useState('r1, r2');
  const [seed, setSeed] = useState(1);
  const [modelId, setModelId] = useState('');
  const [classes, setClasses] = useState('');
  const [unwarnedFirst, setUnwarnedFirst] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<JobStatus | null>(null);

  useEffect(() => {
    void api.call('studies.list', {}).then((r) => setSeries(r.series.filter((s) => !s.derived)), (e: unknown) => setError(describeError(e)));
    void api.call('models.list', {}).then(
      (r) => {
        const usable = r.models.filter((m) => m.outputKind !== 'segmentation');
        setModels(usable);
        if (usable[0]) setModelId((m) => m || usable[0]!.id);
      },
      (e: unknown) => setError(describeError(e)),
    );
  }, [api]);

  const current = series.find((s) => s.seriesInstanceUid === seriesUid) ?? null;
  const pickSeries = (uid: string) => {
    setSeriesUid(uid);
    setChosen(new Set(series.find((s) => s.seriesInstanceUid === uid)?.imageIds ?? []));
  };
  const toggle = (id: string) => setChosen((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set([...c, id])));

  const create = async () => {
    setError(null);
    try {
      const choices: ConditionChoice[] = Object.entries(attacks).flatMap(([method, eps]) => (eps === null ? [] : [{ method, eps }]));
      const design = buildDesign({
        name,
        sources: (current?.imageIds ?? []).filter((id) => chosen.has(id)),
        attacks: choices,
        readers,
        seed,
        modelId: modelId || null,
        diagnosisClasses: classes.split(',').map((c) => c.trim()).filter((c) => c.length > 0),
        unwarnedFirst,
      });
      if (!design.modelId) throw new Error('Choose the model the attacks are made against.');
      const { studyId } = await api.call('readerStudies.create', { design });
      const running = runJob<{ generated: number }>(api, () => api.call('readerStudies.generate', { studyId, modelId: design.modelId! }), setJob);
      await running.done;
      setJob(null);
      onCreated(studyId);
    } catch (err) {
      setJob(null);
      setError(err instanceof JobEndedError && err.cancelled ? 'Generation cancelled: the images made so far are kept; generate again to finish.' : describeError(err));
    }
  };

  return (
    <section className="rs-design" aria-label="Design a reader study">
      <label>
        Study name <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Source series{' '}
        <select value={seriesUid} onChange={(e) => pickSeries(e.target.value)}>
          <option value="">Choose an opened series…</option>
          {series.map((s) => (
            <option key={s.seriesInstanceUid} value={s.seriesInstanceUid}>
              {s.seriesDescription || s.modality} ({s.imageIds.length} images)
            </option>
          ))}
        </select>
      </label>
      {series.length === 0 && <p className="dim">Open a study in Review first: its series are the source images.</p>}
      {current && (
        <fieldset aria-label="Source images">
          <legend>
            Source images ({chosen.size} / {current.imageIds.length})
          </legend>
          {current.imageIds.map((id, i) => (
            <label key={id} className="rs-check">
              <input type="checkbox" checked={chosen.has(id)} onChange={() => toggle(id)} /> Image {i + 1}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset aria-label="Conditions">
        <legend>Conditions: clean, plus each attack checked (L∞ eps, fraction of the model's window)</legend>
        {STUDY_ATTACKS.map((a) => (
          <span key={a.id} className="rs-check">
            <label>
              <input type="checkbox" checked={attacks[a.id] != null} onChange={(e) => setAttacks((s) => ({ ...s, [a.id]: e.target.checked ? a.defaults.eps.linf : null }))} /> {a.label}
            </label>
            {attacks[a.id] != null && (
              <input aria-label={`${a.label} eps`} type="number" step="0.005" min="0" max="1" value={attacks[a.id]!} onChange={(e) => setAttacks((s) => ({ ...s, [a.id]: Number(e.target.value) }))} />
            )}
          </span>
        ))}
      </fieldset>
      <label>
        Model attacked{' '}
        <select value={modelId} onChange={(e) => setModelId(e.target.value)}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Readers (ids, comma separated) <input value={readers} onChange={(e) => setReaders(e.target.value)} />
      </label>
      <label>
        Seed <input type="number" min="0" value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value))))} />
      </label>
      <label>
        Diagnosis classes (comma separated, optional) <input value={classes} onChange={(e) => setClasses(e.target.value)} />
      </label>
      <label className="rs-check">
        <input type="checkbox" checked={unwarnedFirst} onChange={(e) => setUnwarnedFirst(e.target.checked)} /> Unwarned phase first
      </label>
      {job ? (
        <JobProgressBar label="Generating images" status={job} onCancel={() => job.jobId && void api.call('jobs.cancel', { jobId: job.jobId })} />
      ) : (
        <button type="button" onClick={() => void create()}>
          Create study and generate images
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * The QA session form: models from the lab's list, the dataset (the demo study or a folder + labels
 * CSV typed by the user), attacks × budgets from the catalogue, steps, and optional defences and
 * detectors. Pure form: the mode starts the job.
 */
import { attackEntry } from '../../../electron/shared/attackCatalogue';
import type { ModelEntry } from '../../../electron/shared/labTypes';
import { QA_DEFENCES, QA_DEFENCE_IDS, QA_DETECTORS, QA_DETECTOR_IDS } from '../../../electron/shared/qaTypes';
import { QA_ATTACK_CHOICES, toggled, type QaFormState } from './qaForm';

/** Props: the models to offer, the form, its setter, whether a session runs, and Start. */
export interface QaSetupFormProps {
  models: ModelEntry[];
  form: QaFormState;
  onChange: (patch: Partial<QaFormState>) => void;
  busy: boolean;
  onStart: () => void;
}

/** One checkbox of a group. */
function Check({ label, title, checked, onChange }: { label: string; title?: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="qa-check" title={title}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/** The session form. */
export function QaSetupForm({ models, form, onChange, busy, onStart }: QaSetupFormProps) {
  const usable = models.filter((m) => m.hash !== null);
  return (
    <form
      className="qa-setup"
      aria-label="QA session"
      onSubmit={(e) => {
        e.preventDefault();
        onStart();
      }}
    >
      <fieldset>
        <legend>Models</legend>
        {usable.length === 0 && <p className="dim">No usable model yet: import one in Review mode, or open the demo study.</p>}
        {usable.map((m) => (
          <Check key={m.id} label={m.name} title={m.path} checked={form.modelIds.includes(m.id)} onChange={(on) => onChange({ modelIds: toggled(form.modelIds, m.id, on) })} />
        ))}
      </fieldset>
      <fieldset>
        <legend>Labelled images</legend>
        <label className="qa-check">
          <input type="radio" name="qa-source" checked={form.source === 'demo'} onChange={() => onChange({ source: 'demo' })} /> Demo study (labels from its ground truth)
        </label>
        {form.source === 'demo' && (
          <label>
            Images (first n; empty = all)
            <input type="number" min={2} value={form.demoImages} onChange={(e) => onChange({ demoImages: e.target.value })} />
          </label>
        )}
        <label className="qa-check">
          <input type="radio" name="qa-source" checked={form.source === 'folder'} onChange={() => onChange({ source: 'folder' })} /> A folder and a labels CSV
        </label>
        {form.source === 'folder' && (
          <>
            <label>
              Image folder (absolute path)
              <input type="text" value={form.dataDir} onChange={(e) => onChange({ dataDir: e.target.value })} />
            </label>
            <label>
              Labels CSV: file,label (absolute path)
              <input type="text" value={form.labels} onChange={(e) => onChange({ labels: e.target.value })} />
            </label>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Attacks × budgets</legend>
        <div className="qa-checks">
          {QA_ATTACK_CHOICES.map((id) => (
            <Check key={id} label={attackEntry(id).label} title={attackEntry(id).summary} checked={form.attacks.includes(id)} onChange={(on) => onChange({ attacks: toggled(form.attacks, id, on) })} />
          ))}
        </div>
        <label>
          Budgets ε (L∞, fraction of the window; comma-separated)
          <input type="text" value={form.eps} onChange={(e) => onChange({ eps: e.target.value })} />
        </label>
        <label>
          Steps per attack (empty = the catalogue&apos;s batch steps)
          <input type="number" min={1} value={form.steps} onChange={(e) => onChange({ steps: e.target.value })} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Defences and detectors (optional)</legend>
        {QA_DEFENCE_IDS.map((id) => (
          <Check key={id} label={QA_DEFENCES[id].label} title={QA_DEFENCES[id].reference} checked={form.defences.includes(id)} onChange={(on) => onChange({ defences: toggled(form.defences, id, on) })} />
        ))}
        {QA_DETECTOR_IDS.map((id) => (
          <Check key={id} label={QA_DETECTORS[id].label} title={QA_DETECTORS[id].reference} checked={form.detectors.includes(id)} onChange={(on) => onChange({ detectors: toggled(form.detectors, id, on) })} />
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        Start QA session
      </button>
    </form>
  );
}

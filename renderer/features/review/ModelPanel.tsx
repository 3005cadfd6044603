/**
 * Model panel: choose a bundled or imported model, import an .onnx by path (with the settings form
 * when it has no metadata.json), and see the model's call on the image on screen as probability
 * bars with the execution provider in use.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ModelEntry } from '../../../electron/shared/labTypes';
import type { ModelMetadata } from '../../../electron/shared/modelMetadata';
import type { ApiClient } from '../../api/apiClient';
import { MetadataForm } from './MetadataForm';
import { ProbabilityBars } from '../../components/ProbabilityBars';
import { describeError } from '../../api/runJob';
import { predictionFreshness, type Prediction } from './usePrediction';

/** Props of {@link ModelPanel}. */
export interface ModelPanelProps {
  api: ApiClient;
  imageId: string | null;
  model: ModelEntry | null;
  onModel: (model: ModelEntry | null) => void;
  prediction: Prediction;
  /** Names an image for the reader ("image 3 of 10"), so every call says which image it belongs to. */
  describeImage: (imageId: string) => string;
}

/** Model choice, import and the current call. */
export function ModelPanel({ api, imageId, model, onModel, prediction, describeImage }: ModelPanelProps) {
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [path, setPath] = useState('');
  const [pending, setPending] = useState<{ modelId: string; suggested: ModelMetadata } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(
    async (select?: string) => {
      try {
        const list = (await api.call('models.list', {})).models;
        setModels(list);
        // On start, a usable classifier first (the lab's predictions and attacks read class scores).
        const usable = list.filter((m) => !m.error);
        const chosen = list.find((m) => m.id === select) ?? (select === undefined ? (usable.find((m) => m.outputKind !== 'segmentation') ?? usable[0]) : undefined);
        if (chosen) onModel(chosen);
      } catch (err) {
        setError(describeError(err));
      }
    },
    [api, onModel],
  );
  useEffect(() => void refresh(), [refresh]);

  const importModel = async () => {
    setError(null);
    setBusy(true);
    try {
      const r = await api.call('models.import', { path: path.trim() });
      await refresh(r.model.id);
      setPending(r.needsMetadata ? { modelId: r.model.id, suggested: r.suggestedMetadata } : null);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const result = prediction.result;
  const freshness = predictionFreshness(prediction, model && !model.error ? model.id : null, imageId);
  const stale = freshness === 'stale';
  // A stale call is greyed at once, loses its decision mark and says which image (and model) it was for.
  const decision = !stale && typeof result?.decision === 'number' ? result.decision : null;
  const resultModel = models.find((m) => m.id === prediction.modelId)?.name ?? prediction.modelId;
  return (
    <section className="lab-section" aria-label="Model">
      <h2>Model</h2>
      <label>
        Model
        <select value={model?.id ?? ''} onChange={(e) => onModel(models.find((m) => m.id === e.target.value) ?? null)}>
          <option value="">(none)</option>
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={m.error !== null}>
              {m.name} ({m.source}){m.error ? ' — unusable' : ''}
            </option>
          ))}
        </select>
      </label>
      {model?.error && <p role="alert" className="error">{model.error}</p>}
      {model?.card && (
        <details className="model-card">
          <summary>Model card (what it was trained on, how well it does, its limits)</summary>
          <pre data-testid="model-card">{model.card}</pre>
        </details>
      )}
      {model && !model.differentiable && <p className="dim">Not differentiable ({model.unsupportedOps.join(', ')}): occlusion and black-box methods only.</p>}
      <form className="row" onSubmit={(e) => (e.preventDefault(), void importModel())}>
        <label>
          Import .onnx (path)
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/model.onnx" />
        </label>
        <button type="submit" disabled={busy || !path.trim()}>
          Import
        </button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {pending && (
        <MetadataForm
          key={pending.modelId}
          api={api}
          modelId={pending.modelId}
          suggested={pending.suggested}
          imageId={imageId}
          onSaved={() => {
            setPending(null);
            void refresh(pending.modelId);
          }}
        />
      )}
      <div className="prediction" aria-live="polite" aria-busy={prediction.busy} data-image-id={prediction.imageId ?? ''} data-state={freshness}>
        {prediction.error && prediction.imageId === imageId && <p role="alert" className="error">Prediction failed: {prediction.error}</p>}
        {result && prediction.imageId && (
          <div className={stale ? 'prediction-stale' : undefined} aria-hidden={stale || undefined}>
            <p className={stale ? 'stale-caption' : 'dim'} data-testid="prediction-for">
              {stale
                ? `Previous call: ${describeImage(prediction.imageId)}${prediction.modelId !== model?.id ? ` with ${resultModel}` : ''} — not the image on screen${prediction.busy ? '; computing…' : ''}`
                : `Call for ${describeImage(prediction.imageId)}`}
            </p>
            <p className="dim">
              Provider: <span data-testid="provider">{result.provider}</span>
            </p>
            {result.probabilities && <ProbabilityBars label="Prediction" classes={result.classes} probabilities={result.probabilities} decision={decision} />}
            {result.pixelFractions && <ProbabilityBars label="Pixel fractions per class" classes={result.classes} probabilities={result.pixelFractions} />}
          </div>
        )}
        {stale && <p className="dim" role="status">Computing the call for {imageId ? describeImage(imageId) : 'this image'}…</p>}
        {!result && prediction.busy && <p className="dim">Predicting…</p>}
      </div>
    </section>
  );
}

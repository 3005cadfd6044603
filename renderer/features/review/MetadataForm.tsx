/**
 * The settings form shown when an imported model came without metadata.json: intensity mapping,
 * input size, channels, value range, normalisation and class names, with a preview of the exact
 * tensor the model will see on the current image before the answers are saved.
 */
import { useState } from 'react';
import type { ModelMetadata } from '../../../electron/shared/modelMetadata';
import type { ApiClient } from '../../api/apiClient';
import { fieldsFromMetadata, metadataFromFields, type MetadataFields } from './metadataFields';
import { describeError } from '../../api/runJob';
import { TensorPreview, type TensorPreviewProps } from './TensorPreview';

/** Props of {@link MetadataForm}. */
export interface MetadataFormProps {
  api: ApiClient;
  modelId: string;
  suggested: ModelMetadata;
  imageId: string | null;
  onSaved: () => void;
}

const TEXT_FIELDS: [keyof MetadataFields, string][] = [
  ['name', 'Model name'],
  ['center', 'Window centre (modality units)'],
  ['width', 'Window width (modality units)'],
  ['height', 'Input height (px)'],
  ['widthPx', 'Input width (px)'],
  ['rangeLo', 'Range low'],
  ['rangeHi', 'Range high'],
  ['mean', 'Mean per channel'],
  ['std', 'Std per channel'],
  ['classes', 'Class names (comma-separated)'],
];

/** Form + preview + save. */
export function MetadataForm({ api, modelId, suggested, imageId, onSaved }: MetadataFormProps) {
  const [fields, setFields] = useState<MetadataFields>(() => fieldsFromMetadata(suggested));
  const [preview, setPreview] = useState<TensorPreviewProps | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof MetadataFields, v: string) => setFields((f) => ({ ...f, [k]: v }));

  const act = async (what: 'preview' | 'save') => {
    setError(null);
    setBusy(true);
    try {
      const metadata = metadataFromFields(fields, suggested);
      if (what === 'save') {
        await api.call('models.saveMetadata', { modelId, metadata });
        onSaved();
      } else if (imageId) {
        setPreview(await api.call('models.preview', { modelId, imageId, metadata }));
      } else setError('Open an image first: the preview shows the tensor made from it.');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="metadata-form" aria-label="Model settings" onSubmit={(e) => (e.preventDefault(), void act('save'))}>
      <p>This model came without metadata.json: say how images must be prepared for it.</p>
      <label>
        Intensity mapping
        <select value={fields.intensity} onChange={(e) => set('intensity', e.target.value)}>
          <option value="window">Window (centre/width)</option>
          <option value="minmax">Per-image min–max</option>
        </select>
      </label>
      <label>
        Channels
        <select value={fields.channels} onChange={(e) => set('channels', e.target.value)}>
          <option value="1">1 (grey)</option>
          <option value="3">3 (grey repeated)</option>
        </select>
      </label>
      <label>
        Output
        <select value={fields.outputKind} onChange={(e) => set('outputKind', e.target.value)}>
          <option value="logits">logits (softmax)</option>
          <option value="probabilities">probabilities</option>
          <option value="multilabel-logits">multi-label logits (sigmoid)</option>
          <option value="segmentation">segmentation</option>
        </select>
      </label>
      {TEXT_FIELDS.filter(([k]) => fields.intensity === 'window' || (k !== 'center' && k !== 'width')).map(([k, label]) => (
        <label key={k}>
          {label}
          <input value={fields[k]} onChange={(e) => set(k, e.target.value)} />
        </label>
      ))}
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void act('preview')}>
          Preview tensor
        </button>
        <button type="submit" disabled={busy}>
          Save settings
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {preview && <TensorPreview {...preview} />}
    </form>
  );
}

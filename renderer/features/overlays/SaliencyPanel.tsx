/**
 * Saliency on the image on screen: method and its parameters, run as a job (progress, cancel), the
 * map drawn as a heatmap layer over the viewport (colormap, opacity, threshold, toggled with the G
 * key), the method and parameters the back end used stated, IG's completeness check and the
 * weight-randomisation sanity check (Adebayo et al. 2018) shown.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SaliencyResult } from '../../../electron/shared/jobResults';
import type { ApiClient } from '../../api/apiClient';
import { JobProgressBar } from '../../components/JobProgressBar';
import { describeError, JobEndedError, runJob, type JobStatus } from '../../api/runJob';
import { ClassSelect } from '../../components/ClassSelect';
import { finiteRange } from '../../viewer/heatmapPixels';
import { OverlayControls } from './OverlayControls';
import { SaliencyFacts } from './SaliencyFacts';
import { LAYER_SHORTCUTS } from '../../viewer/shortcuts';
import { useHeatmapLayer } from './useHeatmapLayer';

const METHODS = [
  ['gradcam', 'Grad-CAM'],
  ['hirescam', 'HiResCAM'],
  ['vanilla', 'Vanilla gradient |∂f/∂x|'],
  ['smoothgrad', 'SmoothGrad'],
  ['ig', 'Integrated Gradients'],
  ['occlusion', 'Occlusion'],
] as const;
type Method = (typeof METHODS)[number][0];

/** Props of {@link SaliencyPanel}. `element` is the active viewport's cornerstone element. */
export interface SaliencyPanelProps {
  api: ApiClient;
  modelId: string | null;
  imageId: string | null;
  element: HTMLElement | null;
  /** The model's class names, for choosing which class to explain. */
  classes: string[];
}

/** The saliency section of the lab. */
export function SaliencyPanel({ api, modelId, imageId, element, classes }: SaliencyPanelProps) {
  // Which class the map explains: the predicted one (empty) or a chosen one.
  const [classIndex, setClassIndex] = useState<number | null>(null);
  const [method, setMethod] = useState<Method>('gradcam');
  const [samples, setSamples] = useState(50);
  const [sigma, setSigma] = useState(0.15);
  const [steps, setSteps] = useState(50);
  const [baselineKind, setBaselineKind] = useState<'black' | 'blurred' | 'constant'>('black');
  const [baselineValue, setBaselineValue] = useState(0);
  const [layerName, setLayerName] = useState('');
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [result, setResult] = useState<(SaliencyResult & { imageId: string }) | null>(null);
  // A map of another model (or its class choice) never stays on screen after a model switch.
  useEffect(() => {
    setClassIndex(null);
    setResult(null);
  }, [modelId]);
  const [error, setError] = useState<string | null>(null);
  const map = useMemo(() => result && { imageId: result.imageId, data: result.map, width: result.width, height: result.height }, [result]);
  const { style, setStyle, visible, setVisible } = useHeatmapLayer(element, map, { colormap: 'jet', opacity: 0.5, threshold: 0.2 }, LAYER_SHORTCUTS.saliency.key);
  const range = useMemo(() => (result ? { ...finiteRange(result.map), unit: `(${result.method} attribution, unitless)` } : null), [result]);


  const run = async (sanity: boolean) => {
    if (!modelId || !imageId) return;
    setError(null);
    setStatus({ jobId: null, progress: 0, message: 'Starting' });
    const params = {
      modelId,
      imageId,
      method,
      sanity,
      ...(classIndex !== null ? { classIndex } : {}),
      ...(method === 'smoothgrad' ? { samples, sigmaFraction: sigma } : {}),
      ...(method === 'ig' ? { steps, baselineKind, ...(baselineKind === 'constant' ? { baselineValue } : {}) } : {}),
      ...((method === 'gradcam' || method === 'hirescam') && layerName.trim() ? { layer: layerName.trim() } : {}),
    };
    try {
      const r = await runJob<SaliencyResult>(api, () => api.call('saliency.run', params), setStatus).done;
      setResult({ ...r, imageId });
      setVisible(true);
    } catch (err) {
      setError(err instanceof JobEndedError && err.cancelled ? 'Saliency cancelled.' : describeError(err));
    } finally {
      setStatus(null);
    }
  };

  const num = (label: string, value: number, set: (v: number) => void, step: number) => (
    <label>
      {label}
      <input type="number" value={value} step={step} onChange={(e) => set(Number(e.target.value))} />
    </label>
  );
  return (
    <section className="lab-section" aria-label="Saliency">
      <h2>Where the model looks</h2>
      <label>
        Method
        <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
          {METHODS.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <ClassSelect label="Class to explain" noneLabel="The predicted class" classes={classes} value={classIndex} onChange={setClassIndex} />
      {method === 'smoothgrad' && num('Samples', samples, setSamples, 1)}
      {method === 'smoothgrad' && num('Noise σ (fraction of input range)', sigma, setSigma, 0.01)}
      {method === 'ig' && num('Steps', steps, setSteps, 1)}
      {method === 'ig' && (
        <label>
          Baseline
          <select value={baselineKind} onChange={(e) => setBaselineKind(e.target.value as typeof baselineKind)}>
            <option value="black">Black image</option>
            <option value="blurred">Blurred image (Sturmfels 2020)</option>
            <option value="constant">Constant value (model-input units)</option>
          </select>
        </label>
      )}
      {method === 'ig' && baselineKind === 'constant' && num('Baseline value', baselineValue, setBaselineValue, 0.1)}
      {(method === 'gradcam' || method === 'hirescam') && (
        <label>
          Layer (empty: last spatial feature map)
          <input value={layerName} onChange={(e) => setLayerName(e.target.value)} />
        </label>
      )}
      <div className="row">
        <button type="button" disabled={!modelId || !imageId || status !== null} onClick={() => void run(false)}>
          Compute map
        </button>
        <button type="button" disabled={!modelId || !imageId || status !== null} onClick={() => void run(true)}>
          Map + sanity check
        </button>
      </div>
      {status && <JobProgressBar label="Saliency" status={status} onCancel={() => status.jobId && void api.call('jobs.cancel', { jobId: status.jobId })} />}
      {error && <p role="alert" className="error">{error}</p>}
      {result && <SaliencyFacts result={result} shownOnThisImage={result.imageId === imageId} />}
      <OverlayControls name="Saliency" style={style} onStyle={setStyle} visible={visible} onVisible={setVisible} toggleKey={LAYER_SHORTCUTS.saliency.key} range={range} />
    </section>
  );
}

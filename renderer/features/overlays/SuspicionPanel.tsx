/**
 * Adversarial suspicion of the image on screen (issue 7): what the calibration rests on (clean
 * images, target false-positive rate, model hash), calibration on the shown series, the combined
 * score against its calibrated threshold with each detector's score (decades of rarity among clean
 * images), and the suspicion heatmap as a layer (colormap, opacity, threshold; key X).
 */
import * as cornerstoneTools from 'cornerstone-tools';
import { useEffect, useMemo, useState } from 'react';
import type { CallOutput } from '../../../electron/shared/contract';
import type { DetectJobResult } from '../../../electron/shared/jobResults';
import type { ApiClient } from '../../api/apiClient';
import { formatNumber } from '../../components/metricFormat';
import { JobProgressBar } from '../../components/JobProgressBar';
import { describeError, JobEndedError, runJob, type JobStatus } from '../../api/runJob';
import { OverlayControls } from './OverlayControls';
import { LAYER_SHORTCUTS } from '../../viewer/shortcuts';
import { useHeatmapLayer } from './useHeatmapLayer';

/** Props of {@link SuspicionPanel}. `element` is the active viewport's cornerstone element. */
export interface SuspicionPanelProps {
  api: ApiClient;
  modelId: string | null;
  imageId: string | null;
  element: HTMLElement | null;
}

/** The suspicion section of the lab. */
export function SuspicionPanel({ api, modelId, imageId, element }: SuspicionPanelProps) {
  const [calibration, setCalibration] = useState<CallOutput<'detect.calibration'>['calibration']>(null);
  const [status, setStatus] = useState<{ what: string; s: JobStatus } | null>(null);
  const [result, setResult] = useState<(DetectJobResult & { imageId: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const map = useMemo(() => result && { imageId: result.imageId, ...result.heatmap }, [result]);
  const { style, setStyle, visible, setVisible } = useHeatmapLayer(element, map, { colormap: 'hot', opacity: 0.5, threshold: 0.5 }, LAYER_SHORTCUTS.suspicion.key);

  useEffect(() => {
    setCalibration(null);
    setResult(null);
    if (modelId) api.call('detect.calibration', { modelId }).then((r) => setCalibration(r.calibration), (err: unknown) => setError(describeError(err)));
  }, [api, modelId, version]);

  const follow = async <R,>(what: string, start: () => Promise<{ jobId: string }>): Promise<R | null> => {
    setError(null);
    setStatus({ what, s: { jobId: null, progress: 0, message: 'Starting' } });
    try {
      return await runJob<R>(api, start, (s) => setStatus({ what, s })).done;
    } catch (err) {
      setError(err instanceof JobEndedError && err.cancelled ? `${what} cancelled.` : describeError(err));
      return null;
    } finally {
      setStatus(null);
    }
  };

  const calibrate = async () => {
    const imageIds = element ? (cornerstoneTools.getToolState(element, 'stack')?.data[0]?.imageIds ?? []) : [];
    if (!modelId) return;
    if (imageIds.length < 6) return setError(`Calibration needs at least 6 clean images; the series on screen has ${imageIds.length}.`);
    if ((await follow('Calibration', () => api.call('detect.calibrate', { modelId, imageIds }))) !== null) setVersion((v) => v + 1);
  };
  const score = async () => {
    if (!modelId || !imageId) return;
    const r = await follow<DetectJobResult>('Suspicion', () => api.call('detect.run', { modelId, imageId }));
    if (r) {
      setResult({ ...r, imageId });
      setVisible(true);
    }
  };

  const busy = status !== null || !modelId;
  return (
    <section className="lab-section" aria-label="Suspicion">
      <h2>Adversarial suspicion</h2>
      <p className="dim" data-testid="calibration">
        {calibration
          ? `Calibrated on ${calibration.images} clean images for a ${formatNumber(calibration.fpr * 100)} % false-positive rate (${calibration.createdAt.slice(0, 10)}, model ${calibration.modelHash.slice(0, 8)}).`
          : 'Not calibrated for this model: calibrate on a series of clean images first.'}
      </p>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void calibrate()}>
          Calibrate on this series
        </button>
        <button type="button" disabled={busy || !imageId || !calibration} onClick={() => void score()}>
          Score suspicion
        </button>
      </div>
      {status && <JobProgressBar label={status.what} status={status.s} onCancel={() => status.s.jobId && void api.call('jobs.cancel', { jobId: status.s.jobId })} />}
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <div data-testid="suspicion-result" role="status">
          <p>
            <strong className={result.flagged ? 'error' : undefined}>{result.flagged ? 'SUSPICIOUS' : 'Within the clean range'}</strong>: score {formatNumber(result.combined)} vs threshold{' '}
            {formatNumber(result.threshold)} (decades of rarity; FPR {formatNumber(result.fpr * 100)} %){result.imageId === imageId ? '' : ' — computed on another image'}
          </p>
          <ul className="dim">
            {Object.entries(result.detectors).map(([name, v]) => (
              <li key={name}>
                {name}: {formatNumber(v)}
              </li>
            ))}
          </ul>
          <p className="dim">Heatmap: {result.heatmap.kind === 'padim' ? 'PaDiM feature distance (SD)' : 'noise-residual ratio'}</p>
        </div>
      )}
      <OverlayControls name="Suspicion" style={style} onStyle={setStyle} visible={visible} onVisible={setVisible} toggleKey={LAYER_SHORTCUTS.suspicion.key} />
    </section>
  );
}

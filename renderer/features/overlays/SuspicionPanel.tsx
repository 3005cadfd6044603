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
import { finiteRange } from '../../viewer/heatmapPixels';
import { OverlayControls } from './OverlayControls';
import { LAYER_SHORTCUTS } from '../../viewer/shortcuts';
import { useHeatmapLayer } from './useHeatmapLayer';
import { minimumCalibrationImages, smallestSupportedFpr } from '../../../electron/shared/calibrationSize';

/** Props of {@link SuspicionPanel}. `element` is the active viewport's cornerstone element. */
export interface SuspicionPanelProps {
  api: ApiClient;
  modelId: string | null;
  imageId: string | null;
  element: HTMLElement | null;
}

/** " — achieved 0 of 19 references (95 % CI 0–16.8 %)": what the stated rate rests on. */
function describeAchieved(a: { k: number; n: number; lower: number; upper: number } | undefined): string {
  if (!a) return '';
  return ` — on its ${a.n} clean references ${a.k} flagged (95 % CI ${formatNumber(a.lower * 100)}–${formatNumber(a.upper * 100)} %)`;
}

/** The suspicion section of the lab. */
export function SuspicionPanel({ api, modelId, imageId, element }: SuspicionPanelProps) {
  const [calibration, setCalibration] = useState<CallOutput<'detect.calibration'>['calibration']>(null);
  const [status, setStatus] = useState<{ what: string; s: JobStatus } | null>(null);
  const [result, setResult] = useState<(DetectJobResult & { imageId: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [fpr, setFpr] = useState(0.05);
  const [overlap, setOverlap] = useState<'image' | 'series' | null>(null);
  const map = useMemo(() => result && { imageId: result.imageId, ...result.heatmap }, [result]);
  const { style, setStyle, visible, setVisible } = useHeatmapLayer(element, map, { colormap: 'hot', opacity: 0.5, threshold: 0.5 }, LAYER_SHORTCUTS.suspicion.key);

  useEffect(() => {
    setCalibration(null);
    setResult(null);
    if (modelId) api.call('detect.calibration', { modelId }).then((r) => setCalibration(r.calibration), (err: unknown) => setError(describeError(err)));
  }, [api, modelId, version]);

  // Whether the image on screen (or its series) was among the calibration images: its score would be biased towards clean.
  useEffect(() => {
    setOverlap(null);
    if (!modelId || !imageId) return;
    let live = true;
    api.call('detect.calibration', { modelId, imageId }).then((r) => live && setOverlap(r.calibration?.overlap ?? null), () => undefined);
    return () => {
      live = false;
    };
  }, [api, modelId, imageId, version]);

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
    const needed = minimumCalibrationImages(fpr);
    if (imageIds.length < needed) {
      const best = smallestSupportedFpr(imageIds.length);
      return setError(
        `A ${formatNumber(fpr * 100)} % false-positive rate needs at least ${needed} clean images; the series on screen has ${imageIds.length}` +
          (imageIds.length >= 6 ? `, which supports ${formatNumber(Math.ceil(best * 1000) / 10)} % or more: choose a larger rate, or calibrate on a larger series.` : '.'),
      );
    }
    if ((await follow('Calibration', () => api.call('detect.calibrate', { modelId, imageIds, fpr }))) !== null) setVersion((v) => v + 1);
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
          ? `Calibrated on ${calibration.images} clean images for a stated ${formatNumber(calibration.fpr * 100)} % false-positive rate${describeAchieved(calibration.fprAchieved)} (${calibration.createdAt.slice(0, 10)}, model ${calibration.modelHash.slice(0, 8)}).`
          : 'Not calibrated for this model: calibrate on a series of clean images first.'}
      </p>
      {overlap && (
        <p role="alert" className="error" data-testid="calibration-overlap">
          {overlap === 'image'
            ? 'This image was itself a calibration image: its suspicion is biased towards clean. Calibrate on other patients.'
            : "This image's series was used for calibration: its suspicion is biased towards clean. Calibrate on other patients."}
        </p>
      )}
      <div className="row">
        <label>
          False-positive rate
          <select value={fpr} onChange={(e) => setFpr(Number(e.target.value))} disabled={busy}>
            {[0.05, 0.1, 0.2].map((f) => (
              <option key={f} value={f}>
                {formatNumber(f * 100)} % (needs {minimumCalibrationImages(f)} images)
              </option>
            ))}
          </select>
        </label>
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
      <OverlayControls
        name="Suspicion"
        style={style}
        onStyle={setStyle}
        visible={visible}
        onVisible={setVisible}
        toggleKey={LAYER_SHORTCUTS.suspicion.key}
        range={result ? { ...finiteRange(result.heatmap.data), unit: result.heatmap.kind === 'padim' ? 'SD (PaDiM distance)' : '(noise-residual ratio)' } : null}
      />
    </section>
  );
}

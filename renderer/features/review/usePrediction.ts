/**
 * The model's call on the image on screen, refreshed as the user scrolls: a 'predict.run' job
 * started `DEBOUNCE_MS` after the image stops changing; a newer image cancels the job still
 * running for an older one. Never blocks, but a result always carries the image and model it belongs
 * to, and {@link predictionFreshness} tells the panel at once when it no longer matches the screen.
 */
import { useEffect, useState } from 'react';
import type { PredictResult } from '../../../electron/shared/jobResults';
import type { ModelEntry } from '../../../electron/shared/labTypes';
import type { ApiClient } from '../../api/apiClient';
import { describeError, JobEndedError, runJob } from '../../api/runJob';

/** Wait after the last image change before predicting (ms). */
export const DEBOUNCE_MS = 250;

/** What the panel shows: the result for `imageId` under `modelId`, whether a newer one is computing, or an error. */
export interface Prediction {
  imageId: string | null;
  modelId: string | null;
  result: PredictResult | null;
  busy: boolean;
  error: string | null;
}

/**
 * Hook: predictions of `model` on `imageId` (either null: nothing to do). A new entry for the same
 * model (e.g. after its settings were saved) predicts again.
 */
export function usePrediction(api: ApiClient, model: ModelEntry | null, imageId: string | null): Prediction {
  const modelId = model && !model.error ? model.id : null;
  const [state, setState] = useState<Prediction>({ imageId: null, modelId: null, result: null, busy: false, error: null });

  useEffect(() => {
    if (!modelId || !imageId) {
      setState({ imageId: null, modelId: null, result: null, busy: false, error: null });
      return;
    }
    let live = true;
    let jobId: string | null = null;
    setState((s) => ({ ...s, busy: true, error: null }));
    const timer = setTimeout(() => {
      const job = runJob<PredictResult>(api, () => api.call('predict.run', { modelId, imageId }));
      job.started.then(
        (id) => {
          jobId = id;
          if (!live) void api.call('jobs.cancel', { jobId: id }).catch(() => undefined);
        },
        () => undefined,
      );
      job.done.then(
        (result) => live && setState({ imageId, modelId, result, busy: false, error: null }),
        (err: unknown) => {
          if (!live || (err instanceof JobEndedError && err.cancelled)) return;
          setState({ imageId, modelId, result: null, busy: false, error: describeError(err) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      if (jobId) void api.call('jobs.cancel', { jobId }).catch(() => undefined);
    };
  }, [api, model, modelId, imageId]);

  return state;
}

/**
 * Whether the prediction on hand is the call on what the user sees now: 'current' when it was made
 * for this image under this model, 'stale' when it belongs to another image or model (it must never
 * look like the current call), 'none' when there is no result.
 */
export function predictionFreshness(p: Prediction, modelId: string | null, imageId: string | null): 'current' | 'stale' | 'none' {
  if (!p.result) return 'none';
  return p.imageId === imageId && p.modelId === modelId ? 'current' : 'stale';
}

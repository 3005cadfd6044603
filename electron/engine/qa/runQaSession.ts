/**
 * A QA session as a resumable batch: opens the models, reads the labels CSV, then streams the images
 * one at a time (never all in memory) through {@link evaluateImage}, reporting progress with an ETA.
 * Cancel with the AbortSignal; pause with {@link PauseGate}. Results live in the store, so a session
 * stopped any way (cancel, crash, kill -9) resumes where it stopped when run again.
 */
import { createHash } from 'node:crypto';
import type { QaConfig, QaItemResult } from '../../shared/qaTypes';
import { openModel } from '../attacks/imageTask';
import { evaluateImage, type ImageEvaluator, type QaModel } from './evaluateImage';
import { readLabelledDataset, type QaDatasetItem } from './labelsCsv';
import type { QaStore } from './qaStore';

/** Progress of a session: items done of all items, and the estimated seconds left (null until measurable). */
export interface QaProgress {
  done: number;
  total: number;
  etaSeconds: number | null;
  message: string;
}

/** Pauses a running session between items; `resume` lets it continue. */
export class PauseGate {
  private release: (() => void) | null = null;
  private gate: Promise<void> | null = null;

  /** Whether the session is held. */
  get paused(): boolean {
    return this.gate !== null;
  }

  pause(): void {
    if (!this.gate) this.gate = new Promise((r) => (this.release = r));
  }

  resume(): void {
    this.release?.();
    this.gate = null;
    this.release = null;
  }

  /** Resolves at once when running, or when resumed. */
  wait(): Promise<void> {
    return this.gate ?? Promise.resolve();
  }
}

/** What a finished session returns: counts, the models, the dataset and every item's result. */
export interface QaSessionOutcome {
  sessionId: string;
  models: { path: string; hash: string; name: string; classes: string[]; segmentation: boolean; provider: string }[];
  dataset: QaDatasetItem[];
  /** Items computed in this run and items found already stored. */
  computed: number;
  reused: number;
  /** Images with at least one item found already stored. */
  reusedImages: number;
  results: QaItemResult[];
}

/** Options of {@link runQaSession}. */
export interface QaRunOptions {
  signal?: AbortSignal;
  pause?: PauseGate;
  onProgress?: (p: QaProgress) => void;
  /** How each image is evaluated: here (default) or by queue workers (engine/qa/queue). */
  evaluate?: ImageEvaluator;
  /** Images in flight at once (default 1; a queue runs them all, the workers bound the real work). */
  concurrency?: number;
}

/** The id of a session: a hash of its configuration (the same configuration resumes the same session). */
export function sessionIdOf(config: QaConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

/** Opens every model of `config`; they must share their classes so transfer can be scored. */
export async function openQaModels(config: QaConfig): Promise<QaModel[]> {
  const models: QaModel[] = [];
  try {
    for (const path of config.models) {
      const m = await openModel(path);
      models.push({ ...m, path, segmentation: m.objective.outputShape.length >= 3 });
    }
    const [first] = models;
    for (const m of models.slice(1)) {
      if (m.objective.outputShape[0] !== first!.objective.outputShape[0] || m.segmentation !== first!.segmentation) {
        throw new Error(`${m.path}: output [${m.objective.outputShape.join(', ')}] differs from ${first!.path}'s [${first!.objective.outputShape.join(', ')}]; models of one session must answer the same question.`);
      }
    }
    if (first!.segmentation && config.detectors.includes('squeeze')) throw new Error('feature squeezing scores classification models; leave it out for a segmentation model');
    return models;
  } catch (err) {
    await Promise.all(models.map((m) => m.objective.release()));
    throw err;
  }
}

/** Runs (or resumes) the session `config` against `store`. */
export async function runQaSession(config: QaConfig, store: QaStore, options: QaRunOptions = {}): Promise<QaSessionOutcome> {
  const signal = options.signal ?? new AbortController().signal;
  const models = await openQaModels(config);
  try {
    const first = models[0]!;
    const dataset = readLabelledDataset(config.dataDir, config.labels, first.output.classes, first.segmentation);
    const sessionId = sessionIdOf(config);
    store.saveSession(sessionId, config);
    const perImage = models.length * (1 + config.attacks.length * config.eps.length);
    const total = dataset.length * perImage;
    let done = 0;
    let computed = 0;
    let reused = 0;
    let reusedImages = 0;
    let computeSeconds = 0;
    const perImageResults: QaItemResult[][] = [];
    let last = performance.now();
    const report = (message: string) => {
      const left = total - done;
      const eta = computed > 0 ? (computeSeconds / computed) * left : null;
      options.onProgress?.({ done, total, etaSeconds: eta, message });
    };
    report('Starting');
    const evaluate = options.evaluate ?? evaluateImage;
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < dataset.length; i = next++) {
        await options.pause?.wait();
        signal.throwIfAborted();
        await one(i);
      }
    };
    const one = async (i: number) => {
      const item = dataset[i]!;
      const outcome = await evaluate(models, config, item, store, signal, (wasComputed) => {
        done++;
        if (wasComputed) {
          const now = performance.now();
          computeSeconds += (now - last) / 1000;
          last = now;
          computed++;
        } else reused++;
        report(`${item.file}: ${done} of ${total} items`);
      });
      if (outcome.reused > 0) reusedImages++;
      perImageResults[i] = outcome.results;
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, dataset.length)) }, lane));
    const results = perImageResults.flat();
    return {
      sessionId,
      models: models.map((m) => ({ path: m.path, hash: m.hash, name: m.metadata.name ?? m.path, classes: [...m.output.classes], segmentation: m.segmentation, provider: m.objective.provider })),
      dataset,
      computed,
      reused,
      reusedImages,
      results,
    };
  } finally {
    await Promise.all(models.map((m) => m.objective.release()));
  }
}

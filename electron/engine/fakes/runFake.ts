/**
 * A generator fake of one image, as `aegis fake` and the lab's Manipulate job make it: open the
 * generator and the image, edit at the click (applyGenerator), optionally refine inside the region
 * with PGD toward the opposite call, and — when a model is given — score the original and the fake
 * through the model's own pipeline (the number shown is the number the written file gives).
 */
import { openImageTask } from '../attacks/imageTask';
import { storedImageSpace } from '../attacks/attackSpace';
import { summarisePrediction, type PredictionSummary } from '../attacks/predictionSummary';
import { storedRange, storedToModality } from '../imaging/storedFormat';
import { loadImage, type LoadedImage } from '../io/loadImage';
import { compareImages, type ImageComparison } from '../metrics/compareImages';
import { applyGenerator, type FakeRegion } from './applyGenerator';
import { openGenerator } from './generatorModel';
import { refineInRegion } from './refineInRegion';

/** What to fake. Paths are file-system paths; col/row native pixels. */
export interface FakeRequest {
  generator: string;
  image: string;
  col: number;
  row: number;
  /** A classifier to score the call before and after (and to refine against). */
  model?: string;
  /** Region-restricted PGD after the generator (needs `model`); eps in normalised display units. */
  refine?: { eps: number; steps: number };
  seed?: number;
  signal?: AbortSignal;
  /** Fraction done (0–1) and what is happening. */
  onProgress?: (fraction: number, message: string) => void;
}

/** The model's calls on the original and the fake. */
export interface FakeCalls {
  classes: string[];
  provider: string;
  before: PredictionSummary;
  /** After the generator alone (before any refinement), quantised. */
  afterGenerator: PredictionSummary;
  /** On the final stored values. */
  after: PredictionSummary;
}

/** What a fake produced. */
export interface FakeResult {
  image: LoadedImage;
  generator: { path: string; name: string; operation: string; provider: string };
  region: FakeRegion;
  /** Final stored values, row-major, the original's format. */
  stored: Float64Array;
  changedPixels: number;
  /** Whole image, data range = the generator's window width (or the stored range for min–max). */
  metrics: ImageComparison;
  calls: FakeCalls | null;
  refine: { eps: number; steps: number; seed: number; target: number } | null;
}

/** Makes the fake. @throws with a readable reason for unusable images, models or locations. */
export async function runFake(req: FakeRequest): Promise<FakeResult> {
  const progress = req.onProgress ?? (() => {});
  progress(0, 'Loading the generator and the image');
  const image = await loadImage(req.image);
  if (image.kind === 'npy' || !image.format) throw new Error(`${req.image}: a fake edits a stored image (DICOM or PNG), not a raw model input`);
  if (image.channels !== 1 || image.palette) throw new Error(`${req.image}: a generator edits greyscale images; this one has ${image.palette ? 'a colour palette' : `${image.channels} channels`}`);
  if (req.refine && !req.model) throw new Error('refining the fake with PGD needs a model to attack: give one');
  const generator = await openGenerator(req.generator);
  const spec = generator.metadata.generator;
  const plane = { stored: image.values, width: image.width, height: image.height, format: image.format, monochrome1: image.monochrome1 };
  let edit;
  try {
    progress(0.1, `Generating (${spec.operation})`);
    edit = await applyGenerator(generator, plane, req.col, req.row);
  } finally {
    await generator.release();
  }
  req.signal?.throwIfAborted();
  let stored = edit.stored;
  let calls: FakeCalls | null = null;
  let refine: FakeResult['refine'] = null;
  if (req.model) {
    progress(0.3, 'Scoring the original and the fake');
    const task = await openImageTask(req.model, req.image);
    try {
      const pipeline = task.pipeline!;
      const shape = task.objective.outputShape;
      const kind = task.output.kind;
      const score = async (values: ArrayLike<number>) => summarisePrediction(await task.objective.predict(pipeline.forward(storedToModality(values, image.format!))), shape, kind);
      const before = summarisePrediction(await task.objective.predict(task.modelInputs[0]!), shape, kind);
      const afterGenerator = await score(stored);
      if (req.refine) {
        if (!('decision' in before) || typeof before.decision !== 'number' || !('probabilities' in afterGenerator)) {
          throw new Error('refining with PGD is offered for single-label classifiers (one decision per image)');
        }
        // Push toward the class the generator raised most; for two classes, the other call.
        const gain = afterGenerator.probabilities.map((p, k) => (k === before.decision ? -Infinity : p - before.probabilities[k]!));
        const target = gain.indexOf(Math.max(...gain));
        const region = new Uint8Array(image.width * image.height);
        for (let i = 0; i < region.length; i++) region[i] = Math.hypot((i % image.width) - req.col, Math.floor(i / image.width) - req.row) < edit.region.outer ? 1 : 0;
        const space = storedImageSpace(pipeline, { stored, width: image.width, height: image.height, channels: 1, format: image.format }, task.metadata.network_data_format && Object.values(task.metadata.network_data_format.inputs)[0]?.intensity.kind === 'minmax');
        const seed = req.seed ?? 0;
        stored = await refineInRegion(task.objective, space, region, {
          ...req.refine,
          seed,
          target,
          signal: req.signal,
          onStep: (k, n) => progress(0.35 + (0.55 * k) / n, `PGD in the region: step ${k} of ${n}`),
        });
        refine = { ...req.refine, seed, target };
      }
      calls = { classes: [...task.output.classes], provider: task.objective.provider, before, afterGenerator, after: req.refine ? await score(stored) : afterGenerator };
    } finally {
      await task.objective.release();
    }
  }
  progress(0.95, 'Measuring the edit');
  const [smin, smax] = storedRange(image.format);
  const dataRange = spec.intensity.kind === 'window' ? spec.intensity.width / Math.abs(image.format.rescaleSlope) : smax - smin;
  let changed = 0;
  for (let i = 0; i < stored.length; i++) if (stored[i] !== image.values[i]) changed += 1;
  return {
    image,
    generator: { path: generator.path, name: generator.metadata.name, operation: spec.operation, provider: generator.provider },
    region: edit.region,
    stored,
    changedPixels: changed,
    metrics: compareImages(image.values, stored, image.width, image.height, dataRange),
    calls,
    refine,
  };
}

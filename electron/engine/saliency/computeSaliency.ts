import { saliencyMethodSchema } from '../../shared/labTypes';
import type { LoadedModel } from '../onnx/model';
import { GradientRunner, type RunnerOptions } from '../autodiff/runner';
import { hashBytes, encodeModel } from '../onnx/model';
import { createSession } from '../onnx/session';
import type { LayerGradients, SaliencyMap, SaliencyModel } from './saliencyModel';
import { classCount } from './saliencyModel';
import { runnerSaliencyModel, layerGradients } from './runnerSaliencyModel';
import { sessionScoresModel } from './sessionScoresModel';
import { vanillaGradient } from './vanillaGradient';
import { smoothGrad } from './smoothGrad';
import { integratedGradients, type Completeness } from './integratedGradients';
import { camToImage } from './gradCam';
import { chooseCamLayer, stepBack } from './camLayer';
import { occlusion } from './occlusion';
import { randomizeWeights } from './randomizeWeights';
import { compareForSanity, type SanityCheckResult } from './sanityCheck';

/** Saliency methods offered in the UI and the CLI. */
export const SALIENCY_METHODS = saliencyMethodSchema.options;
export type SaliencyMethod = (typeof SALIENCY_METHODS)[number];

/** One saliency request, in raw model-input space ([C, H, W] per sample). */
export interface SaliencyRequest {
  method: SaliencyMethod;
  /** Class to explain; default the predicted one. */
  classIndex?: number;
  /** Grad-CAM layer; default chosen automatically (the last spatial feature map). */
  layer?: string;
  /** The model's input range, e.g. [0, 1]; sets SmoothGrad's σ. */
  inputRange: [number, number];
  samples?: number;
  sigmaFraction?: number;
  steps?: number;
  baseline?: Float32Array;
  seed?: number;
  /** Also recompute with randomised weights (Adebayo et al. 2018). */
  sanity?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

/** A map and everything the UI states beside it. */
export interface SaliencyOutcome {
  map: SaliencyMap;
  classIndex: number;
  /** Scores (logits) of the explained image. */
  scores: Float32Array;
  /** Why the method changed (e.g. gradients unavailable → occlusion). */
  note?: string;
  completeness?: Completeness;
  sanity?: SanityCheckResult;
}

type Source = { model: LoadedModel['model']; hash: string };

async function logitRunner(source: Source, sampleShape: number[], runnerOptions: RunnerOptions): Promise<SaliencyModel> {
  const runner = await GradientRunner.create(source, { loss: 'logit', inputShape: [1, ...sampleShape] }, runnerOptions);
  return runnerSaliencyModel(runner, sampleShape);
}

/** One map by `req.method`; `model` is a ready scores/gradients model for every method but the CAMs. */
async function oneMap(source: Source, model: SaliencyModel, x: Float32Array, sampleShape: number[], req: SaliencyRequest, classIndex: number, runnerOptions: RunnerOptions): Promise<{ map: SaliencyMap; completeness?: Completeness }> {
  const [channels, height, width] = sampleShape;
  const shape = { channels, height, width };
  const progress = (f: number) => req.onProgress?.(f, req.method);
  if (req.method === 'gradcam' || req.method === 'hirescam') {
    let choice = req.layer ? { tensor: req.layer, reason: 'chosen by the user' } : chooseCamLayer(source.model);
    if (!choice) throw new Error('Grad-CAM: no spatial feature map found automatically; choose a layer');
    let layer: LayerGradients;
    for (let back = 0; ; back++) {
      const runner = await GradientRunner.create(source, { loss: 'logit', wrt: [choice.tensor], inputShape: [1, ...sampleShape] }, runnerOptions);
      layer = await layerGradients(runner, choice.tensor, x, sampleShape, classIndex);
      // A 1×1 map (a global max pool before Flatten) has nothing to show: step back to the pool's input.
      const earlier: string | null = req.layer || layer.height * layer.width > 1 || back >= 4 ? null : stepBack(source.model, choice.tensor);
      if (!earlier) break;
      choice = { tensor: earlier, reason: `${choice.reason}, stepped back over 1×1 "${choice.tensor}"` };
    }
    const map = camToImage(layer, req.method, width, height, choice.tensor);
    map.params.layerChoice = choice.reason;
    return { map };
  }
  const common = { classIndex, signal: req.signal, onProgress: progress };
  if (req.method === 'vanilla') return { map: await vanillaGradient(model, x, shape, classIndex) };
  if (req.method === 'smoothgrad') {
    return { map: await smoothGrad(model, x, shape, { ...common, inputRange: req.inputRange, samples: req.samples, sigmaFraction: req.sigmaFraction, seed: req.seed }) };
  }
  if (req.method === 'ig') {
    const r = await integratedGradients(model, x, shape, { ...common, steps: req.steps, baseline: req.baseline });
    return { map: r, completeness: r.completeness };
  }
  return { map: await occlusion(model, x, shape, common) };
}

async function forwardOnly(loaded: LoadedModel, sampleShape: number[], reason: string): Promise<SaliencyModel> {
  const graph = loaded.model.graph;
  const init = new Set(graph?.initializer.map((t) => t.name));
  const input = graph?.input.find((i) => !init.has(i.name))?.name;
  const output = graph?.output[0]?.name;
  if (!input || !output) throw new Error('model has no input or output');
  const { session } = await createSession(encodeModel(loaded.model));
  return sessionScoresModel(session, sampleShape, { input, output, dynamicBatch: false, reason });
}

/**
 * Computes one saliency map for `x` (one sample, raw model-input space, shape `sampleShape` =
 * [C, H, W]). Falls back to occlusion, with a note, when the model cannot be differentiated.
 */
export async function computeSaliency(loaded: LoadedModel, x: Float32Array, sampleShape: number[], req: SaliencyRequest, runnerOptions: RunnerOptions = {}): Promise<SaliencyOutcome> {
  const source = { model: loaded.model, hash: loaded.hash };
  let scoresModel: SaliencyModel;
  let note: string | undefined;
  try {
    scoresModel = await logitRunner(source, sampleShape, runnerOptions);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    scoresModel = await forwardOnly(loaded, sampleShape, reason);
    if (req.method !== 'occlusion') note = `${req.method} needs gradients (${reason}); occlusion shown instead`;
    req = { ...req, method: 'occlusion' };
  }
  const scores = await scoresModel.scores(x, 1);
  const k = classCount(scores, 1);
  let classIndex = req.classIndex ?? 0;
  if (req.classIndex === undefined) for (let c = 1; c < k; c++) if (scores[c] > scores[classIndex]) classIndex = c;
  if (classIndex < 0 || classIndex >= k) throw new Error(`class ${classIndex} is out of range: the model has ${k} classes`);
  const { map, completeness } = await oneMap(source, scoresModel, x, sampleShape, req, classIndex, runnerOptions);
  let sanity: SanityCheckResult | undefined;
  if (req.sanity) {
    const random = randomizeWeights(loaded.model, req.seed ?? 0);
    const randomSource = { model: random.model, hash: hashBytes(encodeModel(random.model)) };
    const randomModel = note ? await forwardOnly({ ...loaded, ...randomSource }, sampleShape, note) : await logitRunner(randomSource, sampleShape, runnerOptions);
    const randomMap = await oneMap(randomSource, randomModel, x, sampleShape, { ...req, onProgress: undefined }, classIndex, runnerOptions);
    sanity = compareForSanity(map, randomMap.map);
  }
  return { map, classIndex, scores, note, completeness, sanity };
}

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ModelInputSchema, type ModelMetadata } from '../../shared/modelMetadata';
import { rawInputSpace, storedImageSpace } from '../attacks/attackSpace';
import { OnnxObjective } from '../attacks/onnxObjective';
import { pipelineForImage } from '../imaging/pipelineForImage';
import { storedToModality } from '../imaging/storedFormat';
import { loadImage } from '../io/loadImage';
import { loadModel, readModelMetadata, type LoadedModel } from '../onnx';
import type { EvalCase } from './detectionEval';
import { DropoutSampler } from './dropoutSampler';
import { FeatureExtractor } from './featureExtractor';
import { mcDropoutUncertainty } from './mcDropout';
import { softmax, type DetectionTarget } from './imageFeatures';

/** Stochastic passes per image for MC-dropout uncertainty (Feinman et al. used 50; 20 keeps a scan interactive). */
const MC_DROPOUT_PASSES = 20;

/** A model opened for detection: features, probabilities, and the attack objective. Release when done. */
export interface DetectionSession {
  loaded: LoadedModel;
  metadata: ModelMetadata;
  target: DetectionTarget;
  extractor: FeatureExtractor;
  objective: OnnxObjective;
  release(): Promise<void>;
}

/**
 * Opens `modelPath` with its metadata.json for the detectors. Classification models only (logits,
 * probabilities or multi-label logits); probabilities are softmax(logits), the output itself, or
 * per-class sigmoids respectively. Models with Dropout layers also get MC-dropout uncertainty.
 */
export async function openDetectionSession(modelPath: string): Promise<DetectionSession> {
  const metadata = readModelMetadata(modelPath);
  const input = Object.values(metadata.network_data_format.inputs)[0] ?? ModelInputSchema.parse({});
  const kind = Object.values(metadata.network_data_format.outputs)[0]?.kind ?? 'logits';
  if (kind === 'segmentation') throw new Error(`${modelPath}: a segmentation model; the detectors support classification models.`);
  const loaded = loadModel(modelPath);
  const inputShape = input.size ? [1, input.channels, input.size[0], input.size[1]] : undefined;
  const objective = await OnnxObjective.create(loaded, { outputKind: kind, inputShape });
  if (objective.outputShape.length !== 1) {
    await objective.release();
    throw new Error(`${modelPath}: output shape [${objective.outputShape.join(', ')}] is not a class vector; the detectors support classification models.`);
  }
  const extractor = await FeatureExtractor.create(loaded.model, objective.inputShape.slice(1));
  const probabilities =
    kind === 'probabilities' ? (o: Float32Array) => o : kind === 'multilabel-logits' ? (o: Float32Array) => o.map((z) => 1 / (1 + Math.exp(-z))) : softmax;
  const sampler = await DropoutSampler.create(loaded.model, objective.inputShape.slice(1));
  const uncertainty = sampler ? (x: Float32Array) => mcDropoutUncertainty(async () => probabilities(await sampler.sample(x)), MC_DROPOUT_PASSES) : undefined;
  return {
    loaded,
    metadata,
    target: { features: extractor, probabilities, uncertainty },
    extractor,
    objective,
    async release() {
      await sampler?.release();
      await extractor.release();
      await objective.release();
    },
  };
}

/**
 * Opens one image (.dcm or extension-less DICOM, .png through the model's pixel pipeline; .npy as
 * a raw model input in [0, 1]) as the detectors see it (display space, native size) together with
 * its attack space.
 */
export async function openDetectionCase(session: DetectionSession, imagePath: string): Promise<EvalCase> {
  const image = await loadImage(imagePath);
  if (image.kind === 'npy') {
    if (image.values.length !== session.objective.inputSize) {
      throw new Error(`${imagePath}: ${image.values.length} values; the model input is [${session.objective.inputShape.join(', ')}] (${session.objective.inputSize}).`);
    }
    const space = rawInputSpace(image.values, session.objective.inputShape);
    const [, c, h, w] = session.objective.inputShape;
    return { item: { image: { data: space.x0, width: w, height: h, channels: c }, toModelInput: (im) => im.data }, space };
  }
  const input = Object.values(session.metadata.network_data_format.inputs)[0] ?? ModelInputSchema.parse({});
  const format = image.format!;
  const modality = storedToModality(image.values, format);
  const pipeline = pipelineForImage({ ...image, modality }, input, session.objective.inputShape);
  const space = storedImageSpace(pipeline, { stored: image.values, width: image.width, height: image.height, channels: image.channels as 1 | 3, format });
  return {
    item: { image: { data: space.x0, width: image.width, height: image.height, channels: image.channels }, toModelInput: (im) => pipeline.forwardNormalised(im.data) },
    space,
  };
}

/** Image files under a folder (sub-folders included, e.g. one per series), sorted by path: .dcm, .png, .npy, and extension-less files (DICOM). */
export function listImageFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch (e) {
      throw new Error(`${d}: cannot read the folder (${(e as Error).message}).`, { cause: e });
    }
    for (const n of names) {
      if (n.startsWith('.')) continue;
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && /(\.(dcm|png|npy)|^[^.]+)$/i.test(n)) files.push(p);
    }
  };
  walk(dir);
  if (files.length === 0) throw new Error(`${dir}: no .dcm, .png or .npy images found.`);
  return files.sort();
}

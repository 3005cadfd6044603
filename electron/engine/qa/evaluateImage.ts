/**
 * One image of a QA session: every (model, attack, budget) item it still needs, computed with the
 * same engine calls as the lab (storedImageTask + runAttack: attacks in stored-pixel space, re-scored
 * after quantisation), each result stored the moment it exists. Items already in the store are
 * reused and the image is not even decoded when nothing is missing.
 */
import { readFile } from 'node:fs/promises';
import type { QaConfig, QaItemResult } from '../../shared/qaTypes';
import { attackDefaults } from '../../shared/attackCatalogue';
import { storedImageTask, type OpenedModel } from '../attacks/imageTask';
import type { AttackSpace } from '../attacks/attackSpace';
import { decide, probabilities } from '../attacks/goal';
import { runAttack } from '../attacks/runAttack';
import type { PlanarImage } from '../defenses/planarImage';
import type { Pipeline } from '../imaging/pipeline';
import { storedToModality } from '../imaging/storedFormat';
import { loadImage } from '../io/loadImage';
import { imageHashOf, imageSeed, itemKey } from './itemKey';
import type { QaDatasetItem } from './labelsCsv';
import { foregroundOverlap, readReferenceMask } from './maskOverlap';
import type { QaStore } from './qaStore';
import { DEFENCE_TRANSFORMS, DETECTOR_SCORES } from './qaTransforms';

/** A session model: the opened objective and whether it segments. */
export interface QaModel extends OpenedModel {
  path: string;
  segmentation: boolean;
}

/** One planned item of an image. */
interface PlannedItem {
  model: QaModel;
  attack: 'clean' | QaConfig['attacks'][number];
  eps: number;
  steps: number;
  key: string;
}

/** Counts for progress (items computed now, items found in the store) and every item's result, in plan order. */
export interface ImageOutcome {
  computed: number;
  reused: number;
  results: QaItemResult[];
}

/** Whether a stored result holds everything the session asks of it. */
function complete(r: QaItemResult | undefined, config: QaConfig, others: number): r is QaItemResult {
  if (!r) return false;
  if (!config.defences.every((d) => d in r.defences) || !config.detectors.every((d) => d in r.detectors)) return false;
  return r.attack === 'clean' || Object.keys(r.transfer).length >= others;
}

/** The planned items of one image for every model, clean first. */
export function planItems(models: QaModel[], config: QaConfig, imageHash: string, seed: number): PlannedItem[] {
  const items: PlannedItem[] = [];
  for (const model of models) {
    items.push({ model, attack: 'clean', eps: 0, steps: 0, key: itemKey({ modelHash: model.hash, imageHash, attack: 'clean', eps: 0, seed, steps: 0 }) });
    for (const attack of config.attacks) {
      const steps = config.steps ?? attackDefaults(attack, 'linf', true).steps;
      for (const eps of config.eps) items.push({ model, attack, eps, steps, key: itemKey({ modelHash: model.hash, imageHash, attack, eps, seed, steps }) });
    }
  }
  return items;
}

/** The items `item` needs (in plan order) and those of them already complete in `store`, by key. */
export async function storedItems(models: QaModel[], config: QaConfig, item: QaDatasetItem, store: QaStore) {
  const imageHash = imageHashOf(await readFile(item.path));
  const seed = imageSeed(config.seed, imageHash);
  const plan = planItems(models, config, imageHash, seed);
  const found = new Map<string, QaItemResult>();
  for (const p of plan) {
    const r = store.get(p.key);
    if (complete(r, config, p.attack === 'clean' ? 0 : models.length - 1)) found.set(p.key, r);
  }
  return { imageHash, seed, plan, found };
}

/** Per-model view of the loaded image. */
interface ModelView {
  pipeline: Pipeline;
  modelInput: Float32Array;
  space: AttackSpace;
}

/** How a session gets one image's items: computed here ({@link evaluateImage}) or by a queue worker. */
export type ImageEvaluator = (
  models: QaModel[],
  config: QaConfig,
  item: QaDatasetItem,
  store: QaStore,
  signal: AbortSignal,
  onItem: (computed: boolean) => void,
) => Promise<ImageOutcome>;

/**
 * Evaluates `item` for every model, skipping stored items. @param onItem called after each item
 * (computed or reused) with whether it was computed.
 */
export const evaluateImage: ImageEvaluator = async (models, config, item, store, signal, onItem) => {
  const { imageHash, seed, plan, found } = await storedItems(models, config, item, store);
  const todo = plan.filter((p) => !found.has(p.key));
  const outcome: ImageOutcome = { computed: 0, reused: found.size, results: [] };
  const finish = () => ((outcome.results = plan.map((p) => found.get(p.key)!)), outcome);
  for (let i = 0; i < outcome.reused; i++) onItem(false);
  if (todo.length === 0) return finish();
  const image = await loadImage(item.path);
  if (image.kind === 'npy') throw new Error(`${item.file}: a QA session reads DICOM or PNG images, not raw .npy arrays.`);
  const views = new Map<QaModel, ModelView>(models.map((m) => [m, storedImageTask(m, image)]));
  const mask = item.mask ? await readReferenceMask(item.mask, image.width, image.height) : undefined;
  const format = image.format!;
  const { width, height, channels } = image;
  const planar = (u: Float32Array): PlanarImage => ({ data: u, width, height, channels });

  for (const p of todo) {
    signal.throwIfAborted();
    const { model } = p;
    const view = views.get(model)!;
    const shape = model.objective.outputShape;
    const predictU = (u: Float32Array) => model.objective.predict(view.pipeline.forwardNormalised(u));
    const predictProbabilities = async (ims: PlanarImage[]) => Promise.all(ims.map(async (im) => probabilities(await predictU(im.data as Float32Array), shape)));
    const truth = model.segmentation ? foregroundTruth(mask, shape, width, height) : item.label;
    let u = view.space.x0;
    let logits: Float32Array;
    const result: QaItemResult = {
      key: p.key, modelHash: model.hash, image: item.file, imageHash, attack: p.attack, eps: p.eps, seed, steps: p.steps,
      label: item.label, logits: null, decision: null, ssim: null, psnr: null, success: null, defences: {}, detectors: {}, transfer: {}, dice: null, iou: null,
    };
    if (p.attack === 'clean') {
      logits = await model.objective.predict(view.modelInput);
    } else {
      const report = await runAttack(model.objective, view.space, { method: p.attack, eps: p.eps, norm: 'linf', steps: p.steps, seed, label: truth, signal });
      u = report.normalised;
      logits = await model.objective.predict(report.modelInput);
      result.ssim = Number.isFinite(report.metrics.ssim) ? report.metrics.ssim : null;
      result.psnr = Number.isFinite(report.metrics.psnr) ? report.metrics.psnr : null;
      result.success = report.success;
      const modality = storedToModality(report.stored, format);
      for (const other of models) {
        if (other === model) continue;
        result.transfer[other.hash] = Array.from(await other.objective.predict(views.get(other)!.pipeline.forward(modality)));
      }
    }
    const decision = decide(logits, shape);
    if (typeof decision === 'number') {
      result.logits = Array.from(logits);
      result.decision = decision;
    } else if (truth instanceof Int32Array) {
      Object.assign(result, foregroundOverlap(decision, truth));
    }
    for (const d of config.defences) {
      const defended = await predictU(DEFENCE_TRANSFORMS[d](planar(u)).data as Float32Array);
      const dd = decide(defended, shape);
      result.defences[d] = typeof dd === 'number' ? Array.from(defended) : [foregroundOverlap(dd, truth as Int32Array).dice];
    }
    for (const d of config.detectors) result.detectors[d] = await DETECTOR_SCORES[d](planar(u), predictProbabilities);
    store.put(result);
    found.set(p.key, result);
    outcome.computed++;
    onItem(true);
  }
  return finish();
};

/** The reference mask on the model's output grid (segmentation); the class label otherwise. */
function foregroundTruth(mask: { values: Uint8Array; width: number; height: number } | undefined, shape: readonly number[], width: number, height: number): Int32Array {
  if (!mask) throw new Error('a segmentation model needs a reference mask per image (the "mask" column of the labels CSV)');
  const [, h, w] = shape;
  if (h === undefined || w === undefined) throw new Error(`segmentation output shape [${shape.join(', ')}] has no spatial axes`);
  const out = new Int32Array(h * w);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.floor(((y + 0.5) * height) / h));
    for (let x = 0; x < w; x++) out[y * w + x] = mask.values[sy * width + Math.min(width - 1, Math.floor(((x + 0.5) * width) / w))] > 0 ? 1 : 0;
  }
  return out;
}

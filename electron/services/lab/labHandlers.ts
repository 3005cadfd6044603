/**
 * The lab's handlers (calls in electron/shared/labCalls.ts): models, predictions, saliency, attacks,
 * records, exports and the demo. Heavy work goes to the engine process as jobs; this side only
 * resolves ids to files, stores records and copies files.
 */
import { attackPresets } from '../../shared/attackCatalogue';
import type { AttackRecord } from '../../shared/labTypes';
import { ApiError } from '../apiError';
import type { Handlers } from '../backendTypes';
import type { ServiceContext } from '../serviceContext';
import { exportAttackDicom, exportAttackJson } from './attackExports';
import { AttackRunner } from './attackRunner';
import { AttackStore } from './attackStore';
import { bundledModelsDir } from './bundledModelsDir';
import { demoStatus, openDemo } from './demoWorkspace';
import { calibrationDir, calibrationOverlap, calibrationSummary } from './detectorCalibration';
import { imageSource } from './imageSource';
import { ModelCatalog } from './modelCatalog';
import { perturbationOf } from './perturbation';
import { runEngineJob } from './runEngineJob';

/** The lab's call names. */
type LabCall =
  | 'models.list' | 'models.import' | 'models.saveMetadata' | 'models.preview'
  | 'predict.run' | 'saliency.run' | 'attack.run' | 'attack.margin'
  | 'attacks.presets' | 'attacks.list' | 'attacks.get' | 'attacks.perturbation' | 'attacks.exportJson' | 'attacks.exportDicom'
  | 'detect.calibrate' | 'detect.calibration' | 'detect.run'
  | 'app.demoStatus' | 'app.demo';

/** The lab's handlers plus the close the back end awaits before closing the database. */
export interface Lab {
  handlers: Pick<Handlers, LabCall>;
  /** Waits for attack records still being stored. */
  close(): Promise<void>;
}

/** Builds the lab on the back end's parts. `modelsDir` defaults to bundledModelsDir(). */
export function createLab(ctx: ServiceContext, modelsDir = bundledModelsDir()): Lab {
  const catalog = new ModelCatalog(ctx, modelsDir);
  const store = new AttackStore(ctx.workspace.db);
  const runner = new AttackRunner(ctx, store);

  const record = async (attackId: string): Promise<AttackRecord> => {
    await runner.settled(attackId);
    const r = store.get(attackId);
    if (!r) throw new ApiError('not-found', `There is no stored attack with id ${attackId} (its job may still run, or have failed or been cancelled).`);
    return r;
  };
  const usable = async (modelId: string) => {
    const model = await catalog.get(modelId);
    if (model.hash === null) throw new ApiError('failed', `${model.name} cannot be used: ${model.error}`);
    return model;
  };

  const handlers: Lab['handlers'] = {
    'models.list': async () => ({ models: await catalog.list() }),
    'models.import': ({ path }) => catalog.import(path),
    'models.saveMetadata': async ({ modelId, metadata }) => ({ model: await catalog.saveMetadata(modelId, metadata) }),
    'models.preview': async ({ modelId, imageId, metadata }) => {
      const [model, image] = [await usable(modelId), imageSource(ctx, imageId)];
      return runEngineJob(ctx, 'model.preview', { model: model.path, image: image.path, metadata }, 'Preview');
    },
    'predict.run': async ({ modelId, imageId }) => {
      const [model, image] = [await usable(modelId), imageSource(ctx, imageId)];
      return { jobId: ctx.engine.submit('predict', { model: model.path, image: image.path }) };
    },
    'saliency.run': async ({ modelId, imageId, ...request }) => {
      const [model, image] = [await usable(modelId), imageSource(ctx, imageId)];
      if (!model.differentiable && request.method !== 'occlusion') {
        throw new ApiError('failed', `${model.name} cannot be differentiated (unsupported ops: ${model.unsupportedOps.join(', ') || 'none found'}); use occlusion, which needs no gradients.`);
      }
      return { jobId: ctx.engine.submit('saliency', { model: model.path, image: image.path, ...request }) };
    },
    'attack.run': async ({ modelId, imageId, ...params }) => {
      const [model, image] = [await usable(modelId), imageSource(ctx, imageId)];
      return runner.start(model, image, params);
    },
    'attack.margin': async ({ modelId, imageId, ...options }) => {
      const [model, image] = [await usable(modelId), imageSource(ctx, imageId)];
      if (!model.differentiable) throw new ApiError('failed', `${model.name} cannot be differentiated (unsupported ops: ${model.unsupportedOps.join(', ')}); the margin search needs gradients.`);
      return { jobId: ctx.engine.submit('attack.margin', { model: model.path, image: image.path, ...options }) };
    },
    'attacks.presets': async () => ({ presets: attackPresets() }),
    'attacks.list': async (filter) => {
      await runner.settled();
      return { attacks: store.list(filter) };
    },
    'attacks.get': ({ attackId }) => record(attackId),
    'attacks.perturbation': async ({ attackId }) => perturbationOf(ctx.frames, await record(attackId)),
    'attacks.exportJson': async ({ attackId, folder, fileName }) => ({ path: await exportAttackJson(await record(attackId), folder, fileName) }),
    'attacks.exportDicom': async ({ attackId, folder, fileName, deidentify }) => ({ path: await exportAttackDicom(await record(attackId), folder, { fileName, deidentify }) }),
    'detect.calibrate': async ({ modelId, imageIds, fpr }) => {
      const model = await usable(modelId);
      const sources = imageIds.map((id) => imageSource(ctx, id));
      const provenance = { imageIds, seriesUids: [...new Set(sources.map((s) => s.seriesInstanceUid))] };
      const payload = { model: model.path, images: sources.map((s) => s.path), fpr, outDir: calibrationDir(ctx, model), provenance };
      return { jobId: ctx.engine.submit('detect.calibrate', payload) };
    },
    'detect.calibration': async ({ modelId, imageId }) => {
      const summary = await calibrationSummary(ctx, await usable(modelId));
      if (!summary) return { calibration: null };
      const { imageIds, seriesUids, ...rest } = summary;
      return { calibration: { ...rest, overlap: imageId ? calibrationOverlap(imageId, imageSource(ctx, imageId).seriesInstanceUid, { imageIds, seriesUids }) : null } };
    },
    'detect.run': async ({ modelId, imageId }) => {
      const [model, image] = [await usable(modelId), imageSource(ctx, imageId)];
      if (!(await calibrationSummary(ctx, model))) {
        throw new ApiError('failed', `${model.name} has no suspicion calibration yet: calibrate it on clean images first ('detect.calibrate').`);
      }
      return { jobId: ctx.engine.submit('detect', { model: model.path, image: image.path, calibrationDir: calibrationDir(ctx, model) }) };
    },
    'app.demoStatus': () => demoStatus(ctx),
    'app.demo': () => openDemo(ctx, catalog),
  };
  return { handlers, close: () => runner.close() };
}

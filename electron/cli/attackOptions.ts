/**
 * The `aegis attack` options of the catalogue's query, physical, transfer, feature and universal
 * attacks: their flags, usage lines, parsing (with the catalogue's ranges and per-attack defaults),
 * and the models or images they name (surrogate, guide, universal perturbation).
 */
import { ModelInputSchema } from '../shared/modelMetadata';
import { ATTACK_PARAMETERS, attackEntry, type AttackId, type AttackParameterName } from '../shared/attackCatalogue';
import type { AttackSettings } from '../engine/attacks/attackTypes';
import { openModel, storedImageTask, type ImageTask, type OpenedModel } from '../engine/attacks/imageTask';
import type { AttackImageParams } from '../engine/actions/attackImage';
import { loadImage } from '../engine/io/loadImage';
import { npyToFloat32, readNpy } from '../engine/io/npy';
import { UsageError } from './command';

/** parseArgs option specs of the flags below. */
export const CATALOGUE_FLAGS = {
  queries: { type: 'string' },
  basis: { type: 'string' },
  amplitude: { type: 'string' },
  order: { type: 'string' },
  variance: { type: 'string' },
  displacement: { type: 'string' },
  grid: { type: 'string' },
  diversity: { type: 'string' },
  kernel: { type: 'string' },
  surrogate: { type: 'string' },
  guide: { type: 'string' },
  layer: { type: 'string' },
  uap: { type: 'string' },
} as const;

/** Usage lines of the flags. */
export const CATALOGUE_USAGE = [
  '  --queries Q      query attacks (square, simba, hopskipjump, zoo, ensemble): most forward passes',
  '  --basis B        simba: dct (default) or pixel',
  '  --amplitude A    bias-field: largest |field − 1| as a fraction of intensity (default 0.1 = 10 %)',
  '  --order N        bias-field: polynomial degree of the field (default 3)',
  '  --variance V     speckle: mean n² of the multiplicative noise (default 0.01)',
  '  --displacement D elastic: largest displacement of any pixel in mm (default 2; needs Pixel Spacing)',
  '  --grid G         elastic: control points per axis (default 8); zoo: blocks per axis (default 32)',
  '  --diversity P    difgsm: probability of the resize-and-pad transform per step (default 0.5)',
  '  --kernel K       tifgsm: Gaussian kernel side in pixels (default 7)',
  '  --surrogate S    transfer (no-box): craft on model S.onnx, quantise and score on --model',
  '  --guide IMAGE    an image of the wanted class (same size): feature moves the layer\'s features toward',
  '                   its features; hopskipjump starts from it',
  '  --layer NAME     feature: the tensor to move (default: the last spatial feature map)',
  '  --uap UAP.npy    uap: the universal perturbation to apply (made by `aegis uap`)',
];

type Values = Partial<Record<keyof typeof CATALOGUE_FLAGS, string>>;
const FLAG_PARAM: Partial<Record<keyof typeof CATALOGUE_FLAGS, AttackParameterName>> = {
  queries: 'queries',
  amplitude: 'amplitude',
  order: 'order',
  variance: 'variance',
  displacement: 'displacementMm',
  grid: 'grid',
  diversity: 'diversity',
  kernel: 'kernel',
};

/** A catalogue parameter's value from its flag (checked against the catalogue's range), else its default for `method`. */
function numeric(values: Values, flag: keyof typeof CATALOGUE_FLAGS, method: AttackId): number | undefined {
  const name = FLAG_PARAM[flag]!;
  const spec = ATTACK_PARAMETERS[name];
  const raw = values[flag];
  if (raw === undefined) {
    const d = attackEntry(method).parameters[name]?.default;
    return typeof d === 'number' ? d : undefined;
  }
  if (!attackEntry(method).parameters[name]) throw new UsageError(`--${flag} does not apply to ${method}`);
  const v = Number(raw);
  const ok = Number.isFinite(v) && (!spec.integer || Number.isInteger(v)) && (spec.min === null || v >= spec.min) && (spec.max === null || v <= spec.max);
  if (!ok) throw new UsageError(`--${flag} must be ${spec.integer ? 'a whole number' : 'a number'}${spec.min !== null ? ` ≥ ${spec.min}` : ''}${spec.max !== null ? ` and ≤ ${spec.max}` : ''}, not "${raw}"`);
  return v;
}

/** Parsed settings, the JSON they add to the report, and what to release afterwards. */
export interface CatalogueOptions {
  extra: NonNullable<AttackImageParams['extra']>;
  json: Record<string, unknown>;
  release(): Promise<void>;
}

/** Reads the flags for `method` on `task`, opening the surrogate model, guide image or perturbation they name. */
export async function catalogueOptions(values: Values, method: AttackId, task: ImageTask): Promise<CatalogueOptions> {
  const extra: CatalogueOptions['extra'] = {};
  const json: Record<string, unknown> = {};
  for (const flag of Object.keys(FLAG_PARAM) as (keyof typeof CATALOGUE_FLAGS)[]) {
    const v = numeric(values, flag, method);
    if (v === undefined) continue;
    const name = FLAG_PARAM[flag]! as keyof AttackSettings & AttackParameterName;
    (extra as Record<string, number>)[name] = v;
    json[name] = v;
  }
  if (values.basis !== undefined) {
    if (values.basis !== 'dct' && values.basis !== 'pixel') throw new UsageError(`--basis must be dct or pixel, not "${values.basis}"`);
    extra.basis = values.basis;
    json.basis = values.basis;
  }
  if (method === 'elastic') json.pixelSpacingMm = task.image.pixelSpacingMm ?? null;
  let surrogate: OpenedModel | undefined;
  if (values.surrogate) {
    surrogate = await openModel(values.surrogate);
    extra.surrogate = surrogate.objective;
    json.surrogate = values.surrogate;
  }
  if (values.guide) {
    const input = Object.values(task.metadata.network_data_format.inputs)[0] ?? ModelInputSchema.parse({});
    const guide = storedImageTask({ objective: task.objective, input }, await loadImage(values.guide)).space.x0;
    extra.guide = guide;
    json.guide = values.guide;
  }
  if (values.layer) extra.layer = values.layer;
  if (attackEntry(method).kind === 'universal') {
    if (!values.uap) throw new UsageError(`--method ${method} needs --uap UAP.npy (make one with \`aegis uap --model M --data DIR --eps E --out UAP.npy\`)`);
    const arr = await readNpy(values.uap);
    if (arr.shape.length !== 3) throw new UsageError(`${values.uap}: expected a [channels, rows, columns] array, got shape [${arr.shape.join(', ')}]`);
    extra.universal = { delta: npyToFloat32(arr), geometry: { channels: arr.shape[0]!, height: arr.shape[1]!, width: arr.shape[2]! } };
    json.uap = values.uap;
  }
  return { extra, json, release: async () => surrogate?.objective.release() };
}

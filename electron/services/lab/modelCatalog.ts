/**
 * The models the lab offers: the bundled ones (`native-models/<id>/model.onnx` with metadata.json and
 * MODEL_CARD.md) and the ones imported into the workspace (`<workspace>/models/<id>/`, a copy of the
 * user's file, so metadata answered in the form can sit beside it where the engine reads it).
 * Describing a model (hash, I/O, differentiability) runs as an engine job; the answer is cached in
 * the workspace database per file path, size and modification time.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ModelDescribeResult } from '../../shared/jobResults';
import type { ModelEntry } from '../../shared/labTypes';
import { isGeneratorMetadata } from '../../shared/generatorMetadata';
import { ModelMetadataSchema, type ModelMetadata } from '../../shared/modelMetadata';
import { ApiError } from '../apiError';
import type { ServiceContext } from '../serviceContext';
import { writeFileAtomic } from '../../base/atomicWrite';
import { runEngineJob } from './runEngineJob';

type Described = ModelDescribeResult | { error: string };

/** Where a model's file is, and the name to show when its metadata gives none (folder or file name). */
interface Ref {
  id: string;
  source: 'bundled' | 'imported';
  path: string;
  name: string;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** Whether `dir/metadata.json` declares a lesion generator (an unreadable file is reported by the model's entry instead). */
async function isGeneratorDir(dir: string): Promise<boolean> {
  try {
    return isGeneratorMetadata(JSON.parse((await readText(join(dir, 'metadata.json'))) ?? 'null'));
  } catch {
    return false;
  }
}

/** metadata.json beside `modelPath`, parsed with defaults; `error` says why a present file was not usable. */
async function readMetadata(modelPath: string, name: string): Promise<{ metadata: ModelMetadata; present: boolean; error: string | null }> {
  const file = join(dirname(modelPath), 'metadata.json');
  const fallback = ModelMetadataSchema.parse({ name });
  const text = await readText(file);
  if (text === null) return { metadata: fallback, present: false, error: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { metadata: fallback, present: true, error: `${file}: not valid JSON (${(err as Error).message})` };
  }
  const parsed = ModelMetadataSchema.safeParse(raw);
  if (parsed.success) return { metadata: parsed.data, present: true, error: null };
  const issue = parsed.error.issues[0]!;
  return { metadata: fallback, present: true, error: `${file}: field "${issue.path.join('.') || '(root)'}" is invalid: ${issue.message}` };
}

/** The NCHW shape the pipeline feeds: the model's static dims, dynamic ones from the metadata, batch 1. */
function effectiveInputShape(d: ModelDescribeResult, m: ModelMetadata): (number | string)[] {
  const input = Object.values(m.network_data_format.inputs)[0];
  const meta = input?.size ? [1, input.channels, input.size[0], input.size[1]] : [];
  return (d.inputs[0]?.shape ?? []).map((dim, i) => (i === 0 ? 1 : typeof dim === 'number' && dim > 0 ? dim : (meta[i] ?? dim)));
}

/** Metadata defaults a form starts from: sizes and channels from the ONNX input, class names "class k". */
export function suggestedMetadata(name: string, d: ModelDescribeResult): ModelMetadata {
  const [, c, h, w] = d.inputs[0]?.shape ?? [];
  const k = d.outputs[0]?.shape[1];
  const input = {
    ...(typeof h === 'number' && typeof w === 'number' && h > 0 && w > 0 ? { size: [h, w] } : {}),
    channels: c === 3 ? 3 : 1,
  };
  const classes = typeof k === 'number' && k > 0 && k <= 1000 ? Array.from({ length: k }, (_, i) => `class ${i}`) : [];
  return ModelMetadataSchema.parse({
    name,
    network_data_format: {
      inputs: { [d.inputs[0]?.name ?? 'input']: input },
      outputs: { [d.outputs[0]?.name ?? 'output']: { kind: 'logits', classes } },
    },
  });
}

/** Lists, imports and describes models; see the file comment. */
export class ModelCatalog {
  private readonly describing = new Map<string, Promise<Described>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly bundledDir: string,
  ) {}

  /** Folder holding imported models. */
  get importDir(): string {
    return join(this.ctx.workspace.home, 'models');
  }

  /** Every model: bundled first (by folder name), then imported (oldest first). */
  async list(): Promise<ModelEntry[]> {
    const refs = [...(await this.bundledRefs()), ...this.importedRefs()];
    const out: ModelEntry[] = [];
    for (const ref of refs) out.push(await this.entry(ref));
    return out;
  }

  /** One model by id. @throws ApiError 'not-found'. */
  async get(modelId: string): Promise<ModelEntry> {
    const ref = [...(await this.bundledRefs()), ...this.importedRefs()].find((r) => r.id === modelId);
    if (!ref) throw new ApiError('not-found', `There is no model with id ${modelId}; see 'models.list'.`);
    return this.entry(ref);
  }

  /**
   * Copies a user's .onnx (with metadata.json and MODEL_CARD.md when they sit beside it) into the
   * workspace and describes it. @throws ApiError when the file is missing or is not a usable ONNX model.
   */
  async import(path: string): Promise<{ model: ModelEntry; needsMetadata: boolean; suggestedMetadata: ModelMetadata }> {
    const source = resolve(path);
    if (extname(source).toLowerCase() !== '.onnx') throw new ApiError('bad-input', `${source}: choose an .onnx model file.`);
    const info = await stat(source).catch(() => null);
    if (!info?.isFile()) throw new ApiError('not-found', `${source}: no such model file.`);
    const described = await this.describe(source);
    if ('error' in described) throw new ApiError('failed', `${source} cannot be used: ${described.error}`);
    const id = randomUUID().replace(/-/g, '').slice(0, 12);
    const dir = join(this.importDir, id);
    const target = join(dir, 'model.onnx');
    await mkdir(dir, { recursive: true });
    try {
      // A copy-on-write clone where the file system offers one; never replaces an existing file.
      await copyFile(source, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
      // External data stays inside the model's folder (loadModel refuses anything else), so it copies along.
      for (const file of described.externalFiles) {
        await mkdir(dirname(join(dir, file)), { recursive: true });
        await copyFile(join(dirname(source), file), join(dir, file), constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
      }
      for (const side of ['metadata.json', 'MODEL_CARD.md']) {
        await copyFile(join(dirname(source), side), join(dir, side), constants.COPYFILE_EXCL).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
      }
      await this.remember(target, described);
      const name = basename(source, extname(source));
      this.ctx.workspace.db
        .prepare('INSERT INTO imported_models (model_id, name, source_path, stored_path, imported_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, name, source, target, Date.now());
      const model = await this.entry({ id: `imported:${id}`, source: 'imported', path: target, name });
      return { model, needsMetadata: !model.hasMetadata, suggestedMetadata: model.hasMetadata ? model.metadata : suggestedMetadata(name, described) };
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Writes the form's answers as metadata.json beside an imported model. @throws ApiError for bundled models. */
  async saveMetadata(modelId: string, metadata: ModelMetadata): Promise<ModelEntry> {
    const model = await this.get(modelId);
    if (model.source !== 'imported') throw new ApiError('bad-input', `${model.name} ships with Aegis; its settings cannot be changed. Import a copy instead.`);
    writeFileAtomic(join(dirname(model.path), 'metadata.json'), new TextEncoder().encode(JSON.stringify(metadata, null, 2) + '\n'));
    return this.get(modelId);
  }

  private async bundledRefs(): Promise<Ref[]> {
    const dirs = await readdir(this.bundledDir, { withFileTypes: true }).catch(() => []);
    const refs = [];
    for (const d of dirs.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(this.bundledDir, d.name, 'model.onnx');
      // Lesion generators (metadata.json "kind": "generator") are offered by the Manipulate panel, not as models to review.
      if (await isGeneratorDir(join(this.bundledDir, d.name))) continue;
      if ((await stat(path).catch(() => null))?.isFile()) refs.push({ id: `bundled:${d.name}`, source: 'bundled' as const, path, name: d.name });
    }
    return refs;
  }

  private importedRefs(): Ref[] {
    const rows = this.ctx.workspace.db.prepare('SELECT model_id, name, stored_path FROM imported_models ORDER BY imported_at, model_id').all() as Array<{ model_id: string; name: string; stored_path: string }>;
    return rows.map((r) => ({ id: `imported:${r.model_id}`, source: 'imported' as const, path: r.stored_path, name: r.name }));
  }

  private async entry({ id, source, path, name }: Ref): Promise<ModelEntry> {
    const [d, meta, card] = await Promise.all([this.describe(path), readMetadata(path, name), readText(join(dirname(path), 'MODEL_CARD.md'))]);
    const output = Object.values(meta.metadata.network_data_format.outputs)[0];
    const base = {
      id,
      source,
      name: meta.metadata.name || name,
      path,
      hasMetadata: meta.present,
      metadata: meta.metadata,
      classes: output?.classes ?? [],
      outputKind: output?.kind ?? 'logits',
      card,
    };
    if ('error' in d) {
      return { ...base, hash: null, inputShape: [], inputs: [], outputs: [], opset: null, differentiable: false, unsupportedOps: [], gradientOutput: null, gradientOutputReason: null, error: d.error };
    }
    return {
      ...base,
      hash: d.hash,
      inputShape: effectiveInputShape(d, meta.metadata),
      inputs: d.inputs,
      outputs: d.outputs,
      opset: d.opset,
      differentiable: d.differentiable,
      unsupportedOps: d.unsupportedOps,
      gradientOutput: d.gradientOutput,
      gradientOutputReason: d.gradientOutputReason,
      error: meta.error,
    };
  }

  /** Caches `d` as the description of the file now at `path` (a byte-identical copy of a described file). */
  private async remember(path: string, d: ModelDescribeResult): Promise<void> {
    const info = await stat(path);
    this.ctx.workspace.db
      .prepare('INSERT OR REPLACE INTO model_descriptions (path, size, mtime_ms, description_json) VALUES (?, ?, ?, ?)')
      .run(path, info.size, info.mtimeMs, JSON.stringify(d));
  }

  /** The cached description of the file at `path`, or a fresh one from a 'model.describe' job. */
  private async describe(path: string): Promise<Described> {
    const info = await stat(path).catch(() => null);
    if (!info) return { error: `${path}: the model file is missing.` };
    const db = this.ctx.workspace.db;
    const row = db.prepare('SELECT size, mtime_ms, description_json FROM model_descriptions WHERE path = ?').get(path) as
      | { size: number; mtime_ms: number; description_json: string }
      | undefined;
    const cached = row && row.size === info.size && row.mtime_ms === info.mtimeMs ? (JSON.parse(row.description_json) as Partial<ModelDescribeResult>) : null;
    // Descriptions from before external files were listed are described afresh.
    if (cached?.externalFiles) return cached as ModelDescribeResult;
    let pending = this.describing.get(path);
    if (!pending) {
      pending = runEngineJob(this.ctx, 'model.describe', { model: path }, 'Reading the model')
        .then(async (d) => {
          await this.remember(path, d);
          return d as Described;
        })
        .catch((err: Error) => ({ error: err.message }))
        .finally(() => this.describing.delete(path));
      this.describing.set(path, pending);
    }
    return pending;
  }
}

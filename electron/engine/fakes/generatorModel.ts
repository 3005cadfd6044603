/**
 * Opens a lesion generator: `model.onnx` with a `metadata.json` beside it that says
 * `"kind": "generator"` (shared/generatorMetadata). The graph's inputs and output are checked against
 * what the metadata promises before anything runs, so a mismatch is reported as the shapes that
 * disagree, not as an onnxruntime failure halfway through.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Tensor } from 'onnxruntime-node';
import type { ValueInfoProto } from 'onnx-buf';
import { GeneratorMetadataSchema, type GeneratorMetadata } from '../../shared/generatorMetadata';
import { createSession, loadModel, type ModelSession } from '../onnx/index';

/** An opened generator; call {@link LesionGenerator.release} when done. */
export interface LesionGenerator {
  path: string;
  metadata: GeneratorMetadata;
  provider: string;
  /** Runs the model on one patch (P × P, model units) and its mask (P × P, 1 = masked); returns P × P. */
  generate(patch: Float32Array, mask: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

/** Reads and validates `metadata.json` beside `modelPath`; errors name the file and what to fix. */
export function readGeneratorMetadata(modelPath: string): GeneratorMetadata {
  const file = join(dirname(resolve(modelPath)), 'metadata.json');
  if (!existsSync(file)) throw new Error(`${modelPath}: a generator needs a metadata.json beside it with "kind": "generator", the patch size, the mask convention and the intensity mapping (${file} does not exist)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const parsed = GeneratorMetadataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    const hint = field === 'kind' ? ' (this metadata.json does not describe a generator: set "kind": "generator")' : '';
    throw new Error(`${file}: field "${field}" is invalid: ${issue.message}${hint}`);
  }
  return parsed.data;
}

function dimsOf(v: ValueInfoProto): (number | string)[] {
  const t = v.type?.value.case === 'tensorType' ? v.type.value.value : undefined;
  return (t?.shape?.dim ?? []).map((d) => (d.value.case === 'dimValue' ? Number(d.value.value) : d.value.case === 'dimParam' ? d.value.value : '?'));
}

/** Whether a declared dim admits `want` (symbolic and unknown dims admit anything). */
const fits = (dim: number | string | undefined, want: number) => dim === undefined || typeof dim === 'string' || dim <= 0 || dim === want;

function checkShape(label: string, v: ValueInfoProto, want: number[], path: string, why: string): void {
  const dims = dimsOf(v);
  const text = `[${dims.join(', ')}]`;
  if (dims.length === 0) return; // no declared shape: onnxruntime checks at run time
  if (dims.length !== 4 || !want.every((w, i) => i === 0 || fits(dims[i], w))) {
    throw new Error(`${path}: ${label} "${v.name}" is ${text}; metadata.json (${why}) needs [N, ${want.slice(1).join(', ')}]`);
  }
}

/** Opens and validates a generator. */
export async function openGenerator(modelPath: string, options: { intraOpThreads?: number } = {}): Promise<LesionGenerator> {
  const metadata = readGeneratorMetadata(modelPath);
  const spec = metadata.generator;
  const loaded = loadModel(modelPath);
  const graph = loaded.model.graph!;
  const inits = new Set(graph.initializer.map((t) => t.name));
  const inputs = graph.input.filter((v) => !inits.has(v.name));
  const p = spec.patchSize;
  const why = `patch ${p}×${p}, mask as ${spec.mask.as}`;
  const wantInputs = spec.mask.as === 'input' ? 2 : 1;
  if (inputs.length !== wantInputs) {
    throw new Error(`${modelPath}: the model has ${inputs.length} input(s) (${inputs.map((v) => `"${v.name}" [${dimsOf(v).join(', ')}]`).join(', ')}); metadata.json (mask as ${spec.mask.as}) needs ${wantInputs}`);
  }
  checkShape('input', inputs[0]!, [1, spec.mask.as === 'channel' ? 2 : 1, p, p], modelPath, why);
  if (wantInputs === 2) checkShape('mask input', inputs[1]!, [1, 1, p, p], modelPath, why);
  if (graph.output.length < 1) throw new Error(`${modelPath}: the model has no output`);
  checkShape('output', graph.output[0]!, [1, 1, p, p], modelPath, `the edited patch, ${p}×${p}`);
  const ms: ModelSession = await createSession(readFileSync(loaded.path), { intraOpThreads: options.intraOpThreads });
  const outputName = graph.output[0]!.name;
  return {
    path: loaded.path,
    metadata,
    provider: ms.provider,
    async generate(patch, mask) {
      const size = p * p;
      if (patch.length !== size || mask.length !== size) throw new Error(`generator: patch and mask must be ${p}×${p}`);
      const feeds: Record<string, Tensor> = {};
      if (spec.mask.as === 'channel') {
        const x = new Float32Array(2 * size);
        x.set(patch);
        x.set(mask, size);
        feeds[inputs[0]!.name] = new Tensor('float32', x, [1, 2, p, p]);
      } else {
        feeds[inputs[0]!.name] = new Tensor('float32', patch, [1, 1, p, p]);
        if (spec.mask.as === 'input') feeds[inputs[1]!.name] = new Tensor('float32', mask, [1, 1, p, p]);
      }
      const out = (await ms.session.run(feeds, [outputName]))[outputName]!;
      if (out.data.length !== size) throw new Error(`${modelPath}: the output "${outputName}" has ${out.data.length} values [${out.dims.join(', ')}]; metadata.json needs [1, 1, ${p}, ${p}]`);
      const data = Float32Array.from(out.data as Float32Array);
      const bad = data.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new Error(`${modelPath}: the generator returned ${data[bad]} at pixel ${bad}`);
      return data;
    },
    release: () => ms.session.release(),
  };
}

/** Reads `metadata.json` beside a model, applying defaults (ARCHITECTURE.md, "Model metadata"). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ModelMetadataSchema, type ModelMetadata } from '../../shared/modelMetadata';

/**
 * Metadata for the model at `modelPath`: `metadata.json` in the same folder when present,
 * otherwise every default. Throws naming the file and the first invalid field.
 */
export function readModelMetadata(modelPath: string): ModelMetadata {
  const file = path.join(path.dirname(path.resolve(modelPath)), 'metadata.json');
  if (!existsSync(file)) return ModelMetadataSchema.parse({ name: path.basename(modelPath, '.onnx') });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const parsed = ModelMetadataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: field "${issue.path.join('.') || '(root)'}" is invalid: ${issue.message}`);
  }
  return parsed.data;
}

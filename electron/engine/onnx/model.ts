/** Reading and writing ONNX models (onnx-buf, ONNX 1.20 protobuf) with a content hash. */
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ModelProtoSchema, type ModelProto } from 'onnx-buf';
import { loadExternalData } from './externalData';
import { inlineFunctions } from './inlineFunctions';

/** A model read from disk, external data loaded and functions inlined. */
export interface LoadedModel {
  /** The decoded model, self-contained (no external data, no model-local functions). */
  model: ModelProto;
  /** Absolute path of the .onnx file. */
  path: string;
  /** sha256 (hex) of the .onnx bytes followed by every external-data chunk it references. */
  hash: string;
}

/** Decodes ONNX bytes; throws a readable error for anything that is not an ONNX model. */
export function decodeModel(bytes: Uint8Array, label = 'model'): ModelProto {
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`${label}: not a valid ONNX file (${bytes.length} bytes; protobuf decoding failed: ${why})`, { cause: err });
  }
  if (!model.graph || model.graph.node.length === 0 || model.opsetImport.length === 0) {
    throw new Error(`${label}: not a valid ONNX model (${bytes.length} bytes; no graph or no opset import) — file truncated or of another kind?`);
  }
  return model;
}

/** Encodes a model to ONNX bytes. */
export function encodeModel(model: ModelProto): Uint8Array<ArrayBuffer> {
  return toBinary(ModelProtoSchema, model);
}

/** sha256 hex digest of byte chunks in order. */
export function hashBytes(...chunks: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const c of chunks) h.update(c);
  return h.digest('hex');
}

/** The ai.onnx opset the model imports (0 when it imports none). */
export function onnxOpset(model: ModelProto): number {
  const entry = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  return entry ? Number(entry.version) : 0;
}

/** Reads an .onnx file, loads its external data from the same folder and inlines local functions. */
export function loadModel(file: string): LoadedModel {
  const abs = path.resolve(file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(abs);
  } catch {
    throw new Error(`${file}: cannot read the model file (missing or not readable)`);
  }
  const model = decodeModel(bytes, path.basename(abs));
  const chunks = loadExternalData(model, path.dirname(abs));
  inlineFunctions(model);
  return { model, path: abs, hash: hashBytes(bytes, ...chunks) };
}

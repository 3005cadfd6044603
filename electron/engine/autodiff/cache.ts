/** On-disk cache of compiled gradient models, keyed by model hash + options + compiler version. */
import { readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelProto } from 'onnx-buf';
import { writeFileAtomic } from '../../base/atomicWrite';
import { decodeModel, encodeModel, hashBytes } from '../onnx/model';
import type { CompiledGradientModel } from './compile';
import type { GradientModelInfo, GradientOptions } from './types';

/** Bumped whenever emitted graphs change, so stale cache entries are never used. */
export const COMPILER_VERSION = 1;

/** `$AEGIS_HOME/cache/gradients`, or the system temp folder when AEGIS_HOME is unset. */
export function defaultCacheDir(): string {
  const home = process.env.AEGIS_HOME;
  return home ? path.join(home, 'cache', 'gradients') : path.join(os.tmpdir(), 'aegis-gradients');
}

/** JSON with object keys sorted, so equal options give equal keys. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Cache key of a (model, options) pair. */
export function cacheKey(modelHash: string, options: GradientOptions): string {
  return hashBytes(new TextEncoder().encode(`${COMPILER_VERSION}|${modelHash}|${stable(options)}`));
}

interface Stored {
  info: GradientModelInfo;
  params: { name: string; dims: number[]; offset: number; length: number }[];
}

/** Reads a cached compiled model, or undefined when absent or unreadable. */
export function readCached(dir: string, key: string): CompiledGradientModel | undefined {
  const base = path.join(dir, key);
  if (!existsSync(`${base}.json`)) return undefined;
  try {
    const stored = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Stored;
    const model: ModelProto = decodeModel(readFileSync(`${base}.onnx`), `${key}.onnx`);
    const blob = stored.params.length ? readFileSync(`${base}.params`) : Buffer.alloc(0);
    const paramValues = new Map<string, { data: Float32Array; dims: number[] }>();
    for (const p of stored.params) {
      const data = new Float32Array(p.length);
      new Uint8Array(data.buffer).set(blob.subarray(p.offset, p.offset + p.length * 4));
      paramValues.set(p.name, { data, dims: p.dims });
    }
    return { model, info: stored.info, paramValues };
  } catch {
    return undefined;
  }
}

/** Writes a compiled model to the cache with the durable writer, the .json (which makes the entry visible) last. */
export function writeCached(dir: string, key: string, compiled: CompiledGradientModel): void {
  const base = path.join(dir, key);
  const params: Stored['params'] = [];
  let offset = 0;
  for (const [name, v] of compiled.paramValues) {
    params.push({ name, dims: v.dims, offset, length: v.data.length });
    offset += v.data.byteLength;
  }
  const blob = new Uint8Array(offset);
  for (const p of params) {
    const v = compiled.paramValues.get(p.name)!;
    blob.set(new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength), p.offset);
  }
  writeFileAtomic(`${base}.onnx`, encodeModel(compiled.model));
  if (params.length) writeFileAtomic(`${base}.params`, blob);
  writeFileAtomic(`${base}.json`, JSON.stringify({ info: compiled.info, params } satisfies Stored));
}

/**
 * External-data tensors (ONNX `data_location = EXTERNAL`): read into `raw_data`, refusing any
 * location that escapes the model's folder.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { TensorProto_DataLocation, type ModelProto, type TensorProto } from 'onnx-buf';

function entry(t: TensorProto, key: string): string | undefined {
  return t.externalData.find((e) => e.key === key)?.value;
}

/** Resolves an external-data location inside `dir`, or throws naming the tensor and the location. */
export function resolveExternalPath(dir: string, location: string, tensorName: string): string {
  const root = realpathSync(dir);
  if (path.isAbsolute(location)) {
    throw new Error(`tensor "${tensorName}": external data location "${location}" is absolute; it must be a path inside the model's folder`);
  }
  const candidate = path.resolve(root, location);
  const inside = (p: string) => {
    const rel = path.relative(root, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (!inside(candidate)) {
    throw new Error(`tensor "${tensorName}": external data location "${location}" escapes the model's folder ${root}; refusing to read it`);
  }
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    throw new Error(`tensor "${tensorName}": external data file "${location}" not found beside the model in ${root}`);
  }
  if (!inside(real)) {
    throw new Error(`tensor "${tensorName}": external data location "${location}" links outside the model's folder ${root}; refusing to read it`);
  }
  // Opening a FIFO would wait forever for a writer (and every later job behind it); a folder gives EISDIR.
  const stat = statSync(real);
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : 'a device or other special file';
    throw new Error(`tensor "${tensorName}": external data "${location}" is ${kind}, not a file; weights must be in a regular file beside the model`);
  }
  return real;
}

function tensorsOf(model: ModelProto): TensorProto[] {
  const graph = model.graph;
  if (!graph) return [];
  const list = [...graph.initializer];
  for (const node of graph.node) for (const a of node.attribute) if (a.t) list.push(a.t);
  return list;
}

/**
 * Loads every external tensor of `model` (in place) from files under `dir`.
 * @returns the bytes read, in order, so callers can fold them into the model hash.
 */
export function loadExternalData(model: ModelProto, dir: string): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (const t of tensorsOf(model)) {
    if (t.dataLocation !== TensorProto_DataLocation.EXTERNAL) continue;
    const location = entry(t, 'location');
    if (!location) throw new Error(`tensor "${t.name}": external data without a location`);
    const file = resolveExternalPath(dir, location, t.name);
    const offset = Number(entry(t, 'offset') ?? '0');
    const size = statSync(file).size;
    const length = entry(t, 'length') !== undefined ? Number(entry(t, 'length')) : size - offset;
    if (!Number.isFinite(offset) || !Number.isFinite(length) || offset < 0 || length < 0 || offset + length > size) {
      throw new Error(`tensor "${t.name}": external data range ${offset}+${length} lies outside "${location}" (${size} bytes)`);
    }
    const bytes = new Uint8Array(length);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, bytes, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    t.rawData = bytes;
    t.externalData = [];
    t.dataLocation = TensorProto_DataLocation.DEFAULT;
    chunks.push(bytes);
  }
  return chunks;
}

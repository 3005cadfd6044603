/**
 * The labelled dataset of a QA session: a CSV with a header `file,label` (and `mask` for
 * segmentation), one row per image, files relative to the data folder. Reads only the CSV and checks
 * that each file exists; the images themselves are read one at a time while the session runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** One labelled image. */
export interface QaDatasetItem {
  /** Path as written in the CSV (relative to the data folder). */
  file: string;
  /** Absolute path. */
  path: string;
  /** Class index (classification); −1 for segmentation, whose truth is `mask`. */
  label: number;
  /** Absolute path of the reference mask (PNG, foreground > 0), segmentation only. */
  mask?: string;
}

/** Splits one CSV line (RFC 4180 quoting: "a,b" and doubled "" inside quotes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** A label cell as a class index: a class name (case-insensitive) or an index 0…K−1. */
function classIndex(cell: string, classes: readonly string[], where: string): number {
  const byName = classes.findIndex((c) => c.toLowerCase() === cell.toLowerCase());
  if (byName >= 0) return byName;
  const n = Number(cell);
  if (cell !== '' && Number.isInteger(n) && n >= 0 && (classes.length === 0 || n < classes.length)) return n;
  const known = classes.length ? `one of ${classes.map((c, i) => `"${c}" (${i})`).join(', ')}` : 'a class index';
  throw new Error(`${where}: unknown label "${cell}"; the model's classes are ${known}.`);
}

/** Whether `p` lies inside `dir` (no "../" escape). */
function inside(dir: string, p: string): boolean {
  const rel = relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Reads `labelsPath` for images under `dataDir`. `classes` are the model's class names (empty for
 * segmentation models, whose rows need a `mask` column instead of a label).
 * @throws with the CSV line number for a missing column, an unknown label, a missing or duplicated file.
 */
export function readLabelledDataset(dataDir: string, labelsPath: string, classes: readonly string[], segmentation: boolean): QaDatasetItem[] {
  const dir = resolve(dataDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dataDir}: the data folder does not exist or is not a folder.`);
  if (!existsSync(labelsPath)) throw new Error(`${labelsPath}: no such labels file; write a CSV with a header "file,label"${segmentation ? ',mask' : ''}.`);
  const lines = readFileSync(labelsPath, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('file') < 0) throw new Error(`${labelsPath}: line 1 must be a header naming the columns "file" and ${segmentation ? '"mask"' : '"label"'}; found "${lines[0] ?? ''}".`);
  if (segmentation ? col('mask') < 0 : col('label') < 0) {
    throw new Error(`${labelsPath}: no "${segmentation ? 'mask' : 'label'}" column in the header "${lines[0]}"${segmentation ? ' (a segmentation model needs one reference mask per image)' : ''}.`);
  }
  const items: QaDatasetItem[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${labelsPath} line ${i + 2}`;
    const cells = splitCsvLine(line);
    const file = cells[col('file')] ?? '';
    if (!file) throw new Error(`${where}: the file cell is empty.`);
    const path = resolve(dir, file);
    if (!inside(dir, path)) throw new Error(`${where}: "${file}" is outside the data folder ${dir}.`);
    if (!existsSync(path)) throw new Error(`${where}: "${file}" does not exist in ${dir}.`);
    if (seen.has(path)) throw new Error(`${where}: "${file}" is listed twice (first on line ${seen.get(path)}); each image is counted once.`);
    seen.set(path, i + 2);
    if (segmentation) {
      const maskCell = cells[col('mask')] ?? '';
      const mask = resolve(dir, maskCell);
      if (!maskCell || !inside(dir, mask) || !existsSync(mask)) throw new Error(`${where}: mask "${maskCell}" does not exist in ${dir}.`);
      items.push({ file, path, label: -1, mask });
    } else {
      items.push({ file, path, label: classIndex(cells[col('label')] ?? '', classes, where) });
    }
  });
  if (items.length === 0) throw new Error(`${labelsPath}: no images listed (only a header).`);
  return items;
}

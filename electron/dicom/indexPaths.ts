/**
 * Indexes files and folders for the series browser: header-only parsing, Patient → Study → Series
 * grouping, slices sorted along the normal of their orientation then by Instance Number. Async and
 * cooperative: a folder of 10,000 mixed files never blocks the event loop for long.
 */
import type { LoadFailure, SeriesSummary } from '../shared/studyTypes';
import { DicomError } from './dicomError';
import { imageIdOf, instanceKey } from './instanceKey';
import type { ParsedInstance } from './parseInstance';
import { readDs, readUs } from './pixelModule';
import { readHeader } from './readHeader';
import { walkFiles } from './walkFiles';

/** Where an indexed instance lives; services keep this to answer frame requests by image id. */
export interface IndexedInstance {
  key: string;
  path: string;
  numberOfFrames: number;
  seriesInstanceUid: string;
}

/** Result of {@link indexPaths}. `scanned` counts files looked at (DICOM or not). */
export interface IndexResult {
  series: SeriesSummary[];
  failures: LoadFailure[];
  scanned: number;
  instances: Map<string, IndexedInstance>;
}

/** Options for {@link indexPaths}. */
export interface IndexOptions {
  /** Called after each file with files done and files found. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Files read at once (default 8). */
  concurrency?: number;
}

interface Entry {
  inst: IndexedInstance;
  instanceNumber: number | null;
  position: number[] | null;
  orientation: number[] | null;
}

/** Indexes `paths` (files or folders, recursively). Rejects only when `signal` aborts. */
export async function indexPaths(paths: string[], options: IndexOptions = {}): Promise<IndexResult> {
  const failures: LoadFailure[] = [];
  const files = await walkFiles(paths, failures, options.signal);
  const bySeries = new Map<string, { summary: SeriesSummary; entries: Entry[] }>();
  const instances = new Map<string, IndexedInstance>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      options.signal?.throwIfAborted();
      const path = files[next++]!;
      try {
        add(await readHeader(path), path, bySeries, instances, failures);
      } catch (err) {
        failures.push({ path, reason: err instanceof DicomError ? err.reason : `unexpected error: ${String(err)}` });
      }
      options.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  const series = [...bySeries.values()].map(({ summary, entries }) => ({ ...summary, imageIds: orderedImageIds(entries) }));
  series.sort((a, b) => cmp(a.patientName, b.patientName) || cmp(a.studyDate, b.studyDate) || cmp(a.studyInstanceUid, b.studyInstanceUid) || (a.seriesNumber ?? 1e9) - (b.seriesNumber ?? 1e9) || cmp(a.seriesInstanceUid, b.seriesInstanceUid));
  return { series, failures, scanned: files.length, instances };
}

function add(p: ParsedInstance, path: string, bySeries: Map<string, { summary: SeriesSummary; entries: Entry[] }>, instances: Map<string, IndexedInstance>, failures: LoadFailure[]): void {
  const ds = p.dataSet;
  const str = (tag: string) => (ds.string(tag) ?? '').replace(/\0/g, '').trim();
  if (!ds.elements.x7fe00010 || !readUs(ds, 'x00280010')) {
    failures.push({ path, reason: `DICOM but not an image (SOP class ${str('x00080016') || 'unknown'})` });
    return;
  }
  const key = instanceKey(p);
  const existing = instances.get(key);
  if (existing) {
    failures.push({ path, reason: `same SOP Instance UID as ${existing.path}; skipped` });
    return;
  }
  const studyUid = str('x0020000d') || `unknown-study:${str('x00100020')}`;
  const seriesUid = str('x0020000e') || `unknown-series:${studyUid}`;
  const frames = ds.intString('x00280008');
  const inst: IndexedInstance = { key, path, numberOfFrames: frames && frames > 0 ? frames : 1, seriesInstanceUid: seriesUid };
  instances.set(key, inst);
  let group = bySeries.get(seriesUid);
  if (!group) {
    const imageType = str('x00080008').toUpperCase();
    const description = str('x0008103e');
    const seriesNumber = readDs(ds, 'x00200011');
    group = {
      summary: {
        patientName: str('x00100010').replace(/\^+/g, ' ').trim(),
        patientId: str('x00100020'),
        studyInstanceUid: studyUid,
        studyDescription: str('x00081030'),
        studyDate: str('x00080020'),
        seriesInstanceUid: seriesUid,
        seriesDescription: description,
        seriesNumber,
        modality: str('x00080060'),
        imageIds: [],
        derived: imageType.startsWith('DERIVED') && (isAegisAdversarial(ds) || /^AEGIS ADVERSARIAL/.test(description)),
        sourceInstanceUid: imageType.startsWith('DERIVED') ? sourceInstanceUid(ds) : null,
      },
      entries: [],
    };
    bySeries.set(seriesUid, group);
  }
  const vec = (tag: string, n: number) => {
    const v = Array.from({ length: n }, (_, i) => readDs(ds, tag, i));
    return v.every((x) => x !== null) ? (v as number[]) : null;
  };
  group.entries.push({ inst, instanceNumber: readDs(ds, 'x00200013'), position: vec('x00200032', 3), orientation: vec('x00200037', 6) });
}

/** True when the Derivation Code Sequence holds Aegis's adversarial code (99AEGIS ADVERSARIAL, see writeDerived). */
function isAegisAdversarial(ds: ParsedInstance['dataSet']): boolean {
  return (ds.elements.x00089215?.items ?? []).some((it) => it.dataSet?.string('x00080102')?.trim() === '99AEGIS' && it.dataSet?.string('x00080100')?.trim() === 'ADVERSARIAL');
}

/** The first Source Image Sequence item's Referenced SOP Instance UID, or null. */
function sourceInstanceUid(ds: ParsedInstance['dataSet']): string | null {
  return ds.elements.x00082112?.items?.[0]?.dataSet?.string('x00081155')?.replace(/\0/g, '').trim() || null;
}

/** Sorts by position along the slice normal when every slice has one, then Instance Number, then path. */
function orderedImageIds(entries: Entry[]): string[] {
  const o = entries[0]?.orientation;
  const normal = o ? [o[1]! * o[5]! - o[2]! * o[4]!, o[2]! * o[3]! - o[0]! * o[5]!, o[0]! * o[4]! - o[1]! * o[3]!] : null;
  const along = (e: Entry) => (normal && e.position ? e.position[0]! * normal[0]! + e.position[1]! * normal[1]! + e.position[2]! * normal[2]! : null);
  const usePosition = normal !== null && entries.every((e) => e.position !== null);
  const sorted = [...entries].sort((a, b) => {
    if (usePosition) {
      const d = along(a)! - along(b)!;
      if (Math.abs(d) > 1e-4) return d;
    }
    return (a.instanceNumber ?? 1e9) - (b.instanceNumber ?? 1e9) || cmp(a.inst.path, b.inst.path);
  });
  return sorted.flatMap((e) => Array.from({ length: e.inst.numberOfFrames }, (_, f) => imageIdOf(e.inst.key, f)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

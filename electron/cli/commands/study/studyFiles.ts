/**
 * What the study sub-commands share: the workspace, indexing files into it, and the CLI's design
 * file (a study design whose sources are DICOM files instead of workspace image ids, plus the files
 * of imported manipulated versions).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { imageIdOf, indexPaths } from '../../../dicom/index';
import { StudyIndex } from '../../../services/studies/studyIndex';
import type { Workspace } from '../../../services/workspace/openWorkspace';
import { studyDesignSchema } from '../../../shared/readerStudyTypes';
import { UsageError } from '../../command';

const fileSource = z.object({ file: z.string().min(1), truthDiagnosis: z.string().nullable().default(null), truthPoints: z.array(z.tuple([z.number(), z.number()])).default([]) });

/** The CLI design file: StudyDesign with `sources`/`trainingSources` as files, and `imported[conditionId][sourceFile] = manipulatedFile`. */
export const cliDesignSchema = studyDesignSchema.omit({ sources: true, trainingSources: true }).extend({
  sources: z.array(fileSource).min(1),
  trainingSources: z.array(fileSource).default([]),
  imported: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export type CliDesign = z.infer<typeof cliDesignSchema>;

/** Reads and validates a design file; paths in it are relative to the file's folder. */
export function readDesignFile(path: string): { design: CliDesign; base: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the design ${path}: ${(err as Error).message}`, 1);
  }
  const parsed = cliDesignSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${path} is not a valid study design: ${parsed.error.issues.slice(0, 4).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 1);
  return { design: parsed.data, base: resolve(path, '..') };
}

/** Indexes files into the workspace; returns each file's image id (frame 0), keyed by absolute path. */
export async function indexFiles(ws: Workspace, files: string[]): Promise<Map<string, string>> {
  const result = await indexPaths(files);
  if (result.failures.length) throw new UsageError(`${result.failures[0].path}: ${result.failures[0].reason}`, 1);
  new StudyIndex(ws.db).record(result);
  const byPath = new Map<string, string>();
  for (const inst of result.instances.values()) byPath.set(resolve(inst.path), imageIdOf(inst.key, 0));
  for (const f of files) if (!byPath.has(resolve(f))) throw new UsageError(`${f} is not a DICOM image Aegis can read`, 1);
  return byPath;
}

/** The file behind a workspace image id (single-frame images). */
export function fileOfImage(ws: Workspace, imageId: string): string {
  const key = /^aegis:([^:]+):0$/.exec(imageId)?.[1];
  const row = key ? (ws.db.prepare('SELECT path FROM instances WHERE instance_key = ?').get(key) as { path: string } | undefined) : undefined;
  if (!row) throw new UsageError(`image ${imageId} is not in the workspace index`, 1);
  return row.path;
}

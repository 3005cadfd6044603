/**
 * Exports a reader study as a portable, de-identified, blinded bundle:
 *
 *   OUT/bundle/manifest.json        what readers get (see readerBundleTypes)
 *   OUT/bundle/images/<token>.dcm   one file per case, PS3.15 basic profile, derivation removed,
 *                                   fresh UIDs per case (no UID, name, number or file name ties a
 *                                   case to its source, its condition or another case)
 *   OUT/answer-key.json             token → case, condition, truth: the coordinator keeps it
 */
import type Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { basicProfileProblems, deidentifyFile, parseImageId, UidMap } from '../../../dicom/index';
import type { AnswerKey, BundleManifest } from '../../../shared/readerBundleTypes';
import { writeFileAtomic } from '../../../base/atomicWrite';
import type { ReaderStudyStore } from '../readerStudyStore';

/** What an export wrote. */
export interface ExportedBundle {
  bundleId: string;
  bundleDir: string;
  answerKeyPath: string;
  cases: number;
  /** De-identification warnings per file (e.g. burned-in annotation), in words. */
  warnings: string[];
}

/** The file of a workspace image id: single-frame instances only (a case is one image). */
function fileOf(db: Database.Database, imageId: string): string {
  const id = parseImageId(imageId);
  if (!id) throw new RangeError(`"${imageId}" is not an Aegis image id`);
  const row = db.prepare('SELECT path, number_of_frames FROM instances WHERE instance_key = ?').get(id.key) as { path: string; number_of_frames: number } | undefined;
  if (!row) throw new RangeError(`image ${imageId} is not in this workspace's index; open its folder first`);
  if (row.number_of_frames !== 1 || id.frame !== 0) throw new RangeError(`image ${imageId} is a frame of a multi-frame file; bundles hold single-frame images`);
  return row.path;
}

/**
 * Writes the bundle and the answer key for `studyId` into `outDir` (created; must be empty), checking
 * every written file against the basic profile. @throws when a case has no image yet
 */
export async function exportBundle(db: Database.Database, store: ReaderStudyStore, studyId: string, outDir: string): Promise<ExportedBundle> {
  const study = store.getStudy(studyId);
  const missing = study.cases.filter((c) => c.imageId === null);
  if (missing.length) throw new RangeError(`${missing.length} case(s) have no image yet (first: case ${missing[0].caseId}, ${missing[0].conditionId}); generate or import them before exporting`);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new RangeError(`${outDir} is not empty; choose an empty or new folder for the bundle`);
  const bundleDir = join(outDir, 'bundle');
  mkdirSync(join(bundleDir, 'images'), { recursive: true });
  const bundleId = randomUUID();
  const tokens = new Map(study.cases.map((c) => [c.caseId, randomBytes(8).toString('hex')]));
  const warnings: string[] = [];
  const originalUids = new Set<string>();
  const files: string[] = [];
  for (const c of study.cases) {
    const token = tokens.get(c.caseId)!;
    const source = fileOf(db, c.imageId!);
    const out = join(bundleDir, 'images', `${token}.dcm`);
    // A fresh UID map per case: no Study/Series/Frame of Reference UID is shared between cases.
    const r = await deidentifyFile(source, out, { patientName: `CASE^${token}`, patientId: token, uids: new UidMap(), blind: true });
    warnings.push(...r.warnings.map((w) => `${token}: ${w}`));
    originalUids.add(parseImageId(c.imageId!)!.key);
    files.push(out);
  }
  for (const f of files) {
    const problems = await basicProfileProblems(f, originalUids);
    if (problems.length) throw new Error(`the de-identified file ${f} fails the basic profile: ${problems.join('; ')}`);
  }
  const key: AnswerKey = {
    format: 'aegis-reader-answer-key',
    bundleId,
    studyId,
    cases: study.cases.map((c) => ({ token: tokens.get(c.caseId)!, caseId: c.caseId, conditionId: c.conditionId, truth: c.truth })),
  };
  const keyBytes = Buffer.from(`${JSON.stringify(key, null, 1)}\n`);
  const answerKeyPath = writeFileAtomic(join(outDir, 'answer-key.json'), keyBytes);
  const { design } = study;
  const sortedTokens = [...tokens.values()].sort();
  const manifest: BundleManifest = {
    format: 'aegis-reader-bundle',
    version: 1,
    bundleId,
    studyName: design.name,
    phases: design.phases,
    questions: design.questions,
    toolsAllowed: design.toolsAllowed,
    allowGoBack: design.allowGoBack,
    readers: design.readers,
    cases: sortedTokens.map((token) => ({ token, file: `images/${token}.dcm` })),
    orders: Object.fromEntries(
      design.readers.map((r) => [r.id, Object.fromEntries(design.phases.map((p) => [p.id, store.order(studyId, r.id, p.id).map((id) => tokens.get(id)!)]))]),
    ),
    training: study.cases
      .filter((c) => c.caseSet === 'training')
      .map((c) => ({ token: tokens.get(c.caseId)!, manipulated: c.truth === 1, condition: c.conditionId })),
    answerKeySha256: createHash('sha256').update(keyBytes).digest('hex'),
  };
  writeFileAtomic(join(bundleDir, 'manifest.json'), Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`));
  return { bundleId, bundleDir, answerKeyPath, cases: study.cases.length, warnings };
}

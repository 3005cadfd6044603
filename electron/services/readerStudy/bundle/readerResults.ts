/**
 * Readers' results files and the coordinator's merge: answers travel by blinded token; the answer
 * key (checked against the SHA-256 in the bundle's manifest) turns tokens back into cases. Merging is
 * all-or-nothing per file, skips answers already present (the same file merged twice, or a reader who
 * read on the coordinator's machine) and refuses conflicting ones — nothing is counted twice.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerKeySchema, bundleManifestSchema, readerResultsSchema, type AnswerKey, type ReaderResults } from '../../../shared/readerBundleTypes';
import type { ReaderStudyStore } from '../readerStudyStore';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Parses answer-key.json and checks it against the hash the bundle's manifest recorded.
 * @throws when the key was changed or belongs to another bundle
 */
export function readAnswerKey(bytes: Uint8Array, expectedSha256: string): AnswerKey {
  const actual = sha256(bytes);
  if (actual !== expectedSha256) {
    throw new RangeError(`the answer key does not match the bundle (SHA-256 ${actual.slice(0, 12)}…, the manifest expects ${expectedSha256.slice(0, 12)}…): it was edited or belongs to another bundle`);
  }
  const parsed = answerKeySchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  if (!parsed.success) throw new RangeError(`the answer key is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The answer key of an exported folder (DIR/bundle/manifest.json and DIR/answer-key.json), checked against the manifest. */
export function readExportedKey(dir: string): AnswerKey {
  let manifestText: string;
  try {
    manifestText = readFileSync(join(dir, 'bundle', 'manifest.json'), 'utf8');
  } catch {
    throw new RangeError(`${dir} holds no bundle/manifest.json; give the folder a study was exported to`);
  }
  const manifest = bundleManifestSchema.parse(JSON.parse(manifestText));
  return readAnswerKey(readFileSync(join(dir, 'answer-key.json')), manifest.answerKeySha256);
}

/** A reader's answers of a study as a results file (tokens from the answer key). */
export function resultsFromStore(store: ReaderStudyStore, studyId: string, readerId: string, key: AnswerKey): ReaderResults {
  if (key.studyId !== studyId) throw new RangeError('this answer key belongs to another study');
  const tokenOf = new Map(key.cases.map((c) => [c.caseId, c.token]));
  const answers = store.answers(studyId, readerId).map(({ readerId: _r, caseId, answeredAt, ...rest }) => ({ ...rest, token: tokenOf.get(caseId)!, answeredAt }));
  return { format: 'aegis-reader-results', bundleId: key.bundleId, readerId, answers, answersSha256: sha256(JSON.stringify(answers)) };
}

/** Parses a results file's text and checks its answers' hash. @throws in words when it is damaged or edited */
export function parseResults(text: string, name = 'results file'): ReaderResults {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RangeError(`${name} is not JSON; is it an Aegis reader results file?`);
  }
  const parsed = readerResultsSchema.safeParse(raw);
  if (!parsed.success) throw new RangeError(`${name} is not a valid results file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')}`);
  if (sha256(JSON.stringify(parsed.data.answers)) !== parsed.data.answersSha256) throw new RangeError(`${name}: the answers do not match their checksum; the file was edited or damaged`);
  return parsed.data;
}

/** Merges results files into the study of the answer key; per file, how many answers were new and how many already there. */
export function mergeResults(store: ReaderStudyStore, key: AnswerKey, files: { name: string; results: ReaderResults }[]): { name: string; readerId: string; added: number; duplicates: number }[] {
  const caseOf = new Map(key.cases.map((c) => [c.token, c.caseId]));
  return files.map(({ name, results }) => {
    if (results.bundleId !== key.bundleId) throw new RangeError(`${name} answers bundle ${results.bundleId}, not this one (${key.bundleId})`);
    const incoming = results.answers.map(({ token, answeredAt, ...rest }) => {
      const caseId = caseOf.get(token);
      if (caseId === undefined) throw new RangeError(`${name}: case token ${token} is not in the answer key`);
      return { answer: { ...rest, caseId }, answeredAt };
    });
    return { name, readerId: results.readerId, ...store.mergeAnswers(key.studyId, results.readerId, incoming) };
  });
}

/**
 * The files of a portable reader-study bundle: the reader's manifest (blinded: cases are random
 * tokens, no condition, no truth except for training cases), the coordinator's answer key (kept
 * apart; its SHA-256 is in the manifest so a changed or swapped key shows), and a reader's results.
 */
import { z } from 'zod';
import { studyAnswerSchema, studyPhaseSchema, studyQuestionsSchema } from './readerStudyTypes';

const token = z.string().regex(/^[0-9a-f]{16}$/);

/** manifest.json of a bundle, what readers receive beside images/<token>.dcm. */
export const bundleManifestSchema = z.object({
  format: z.literal('aegis-reader-bundle'),
  version: z.literal(1),
  bundleId: z.string().uuid(),
  studyName: z.string(),
  phases: z.array(studyPhaseSchema),
  questions: studyQuestionsSchema,
  toolsAllowed: z.boolean(),
  allowGoBack: z.boolean(),
  readers: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Blinded cases: token and image file only. */
  cases: z.array(z.object({ token, file: z.string() })),
  /** readerId → phaseId → tokens in reading order. */
  orders: z.record(z.string(), z.record(z.string(), z.array(token))),
  /** Feedback for training cases only: truth and what was done to the image. */
  training: z.array(z.object({ token, manipulated: z.boolean(), condition: z.string() })),
  /** SHA-256 (hex) of answer-key.json's bytes. */
  answerKeySha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** answer-key.json, kept by the coordinator. */
export const answerKeySchema = z.object({
  format: z.literal('aegis-reader-answer-key'),
  bundleId: z.string().uuid(),
  studyId: z.string(),
  cases: z.array(z.object({ token, caseId: z.number().int().min(1), conditionId: z.string(), truth: z.union([z.literal(0), z.literal(1)]) })),
});
export type AnswerKey = z.infer<typeof answerKeySchema>;

/** A reader's results file: answers by token, with a SHA-256 over them so an edited file shows. */
export const readerResultsSchema = z.object({
  format: z.literal('aegis-reader-results'),
  bundleId: z.string().uuid(),
  readerId: z.string(),
  answers: z.array(studyAnswerSchema.omit({ caseId: true }).extend({ token, answeredAt: z.number().int() })),
  /** SHA-256 (hex) of JSON.stringify(answers). */
  answersSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ReaderResults = z.infer<typeof readerResultsSchema>;

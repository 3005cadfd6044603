/**
 * The reader-study part of the API contract (spread into `calls` in contract.ts): design, blinded
 * reading (the reader sees an image id and the questions, never the condition), answers committed one
 * by one, results with every figure's interval and n, bundle export and results merge.
 */
import { z } from 'zod';
import { studyAnswerSchema, studyCaseSchema, studyDesignSchema, studyPhaseSchema, studyQuestionsSchema } from './readerStudyTypes';

const studyId = z.string().min(1);
const proportion = z.object({ estimate: z.number(), low: z.number(), high: z.number(), k: z.number().int(), n: z.number().int() });
const auc = z.object({ auc: z.number(), se: z.number(), low: z.number(), high: z.number(), negatives: z.number().int(), positives: z.number().int() });
const detection = z.object({
  sensitivity: proportion.nullable(),
  specificity: proportion.nullable(),
  accuracy: proportion.nullable(),
  auc: auc.nullable(),
  roc: z.array(z.object({ fpr: z.number(), tpr: z.number() })),
});

/** One phase's figures (see services/readerStudy/studyResults.ts). Fractions in [0, 1]. */
export const phaseResultsSchema = z.object({
  phaseId: z.string(),
  label: z.string(),
  warned: z.boolean(),
  answers: z.number().int(),
  readers: z.array(detection.extend({ readerId: z.string() })),
  pooled: detection,
  readerAveragedAuc: z.object({ auc: z.number(), se: z.number(), df: z.number().nullable(), lower: z.number(), upper: z.number(), readers: z.number().int() }).nullable(),
  readerAveragedNote: z.string().nullable(),
  conditions: z.array(z.object({ conditionId: z.string(), detection: proportion })),
  diagnosis: z.object({ clean: proportion.nullable(), manipulated: proportion.nullable() }).nullable(),
  localisation: proportion.nullable(),
  kappa: z.object({ kappa: z.number(), lower: z.number(), upper: z.number(), subjects: z.number().int(), raters: z.number().int(), p: z.number() }).nullable(),
});
export type PhaseResultsView = z.infer<typeof phaseResultsSchema>;

const difference = z.object({ a: z.string(), b: z.string(), estimate: z.number(), se: z.number(), statistic: z.number(), df: z.number().nullable(), p: z.number(), lower: z.number(), upper: z.number() });

/** A study's results. */
const propDiff = z.object({ estimate: z.number(), low: z.number(), high: z.number(), k1: z.number().int(), n1: z.number().int(), k2: z.number().int(), n2: z.number().int() });

export const studyResultsSchema = z.object({
  phases: z.array(phaseResultsSchema),
  /** Later − earlier phase: pooled detection and specificity differences (Newcombe hybrid score 95 % CI). */
  differences: z.array(z.object({ phases: z.tuple([z.string(), z.string()]), detection: propDiff.nullable(), specificity: propDiff.nullable() })),
  comparisons: z.array(
    z.object({
      phases: z.tuple([z.string(), z.string()]),
      analysis: z
        .object({ readers: z.array(z.string()), cases: z.array(z.object({ modality: z.string(), n0: z.number().int(), n1: z.number().int() })), rrrc: z.object({ differences: z.array(difference) }).nullable() })
        .nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type StudyResultsView = z.infer<typeof studyResultsSchema>;

/** What a reader sees: where they are and the case to read, blinded. */
export const readingStateSchema = z.object({
  /** Null when the reader has finished every phase. */
  phase: studyPhaseSchema.nullable(),
  caseId: z.number().int().nullable(),
  imageId: z.string().nullable(),
  /** Answers given and cases in all: the screen shows "answered + 1 / total". */
  answered: z.number().int(),
  total: z.number().int(),
  questions: studyQuestionsSchema,
  toolsAllowed: z.boolean(),
  allowGoBack: z.boolean(),
  /** Training phases only: what the last answered case was (feedback). */
  feedback: z.object({ caseId: z.number().int(), manipulated: z.boolean(), conditionId: z.string() }).nullable(),
});
export type ReadingState = z.infer<typeof readingStateSchema>;

/** Reader-study calls, keyed by name. */
export const readerStudyCalls = {
  'readerStudies.list': { input: z.object({}), output: z.object({ studies: z.array(z.object({ studyId: z.string(), name: z.string(), createdAt: z.number() })) }) },
  /** Creates a study from its design; cases and every reader's order are fixed now. */
  'readerStudies.create': { input: z.object({ design: studyDesignSchema }), output: z.object({ studyId: z.string() }) },
  /** The coordinator's view: design, cases (with their conditions) and each reader's progress. */
  'readerStudies.get': {
    input: z.object({ studyId }),
    output: z.object({ studyId: z.string(), design: studyDesignSchema, cases: z.array(studyCaseSchema), progress: z.array(z.object({ readerId: z.string(), answered: z.number().int(), total: z.number().int() })) }),
  },
  /** Sets the shown image of a case (an imported manipulated image). */
  'readerStudies.setCaseImage': { input: z.object({ studyId, caseId: z.number().int().min(1), imageId: z.string().min(1) }), output: z.object({}) },
  /**
   * Makes the attacked images the study lacks with a model, as a job of kind 'readerStudies.generate'
   * (each image an 'attack.run'; progress "k / n images"; 'jobs.cancel' stops it and keeps what it made).
   */
  'readerStudies.generate': { input: z.object({ studyId, modelId: z.string().min(1) }), output: z.object({ jobId: z.string(), missing: z.number().int() }) },
  /** Where a reader resumes: the first unanswered case, blinded. */
  'readerStudies.reading': { input: z.object({ studyId, readerId: z.string().min(1) }), output: readingStateSchema },
  /** Commits one answer (one transaction) and returns the next reading state. */
  'readerStudies.answer': { input: z.object({ studyId, readerId: z.string().min(1), answer: studyAnswerSchema }), output: readingStateSchema },
  /** Every figure of the study with its interval and n. */
  'readerStudies.results': { input: z.object({ studyId }), output: studyResultsSchema },
  /** Writes the blinded bundle (outDir/bundle) and the answer key (outDir/answer-key.json). */
  'readerStudies.export': { input: z.object({ studyId, outDir: z.string().min(1) }), output: z.object({ bundleId: z.string(), bundleDir: z.string(), answerKeyPath: z.string(), cases: z.number().int(), warnings: z.array(z.string()) }) },
  /** Merges readers' results files of an exported bundle folder; duplicates skipped, conflicts refused. */
  'readerStudies.merge': {
    input: z.object({ bundleDir: z.string().min(1), resultFiles: z.array(z.string().min(1)).min(1) }),
    output: z.object({ merged: z.array(z.object({ name: z.string(), readerId: z.string(), added: z.number().int(), duplicates: z.number().int() })) }),
  },
} as const;

/**
 * Reader studies (can radiologists spot the fakes?): the design a coordinator writes, the cases it
 * expands to, readers, phases and answers — zod schemas with their inferred types, shared by the
 * services, the contract, the CLI and the renderer. Condition ids are `clean`, an attack catalogue
 * id with its budget, or `imported` for manipulated images made elsewhere.
 */
import { z } from 'zod';
import { ATTACK_IDS } from './attackCatalogue';

/** One condition an image can be shown in: clean, an attack from the catalogue at a budget, or imported fakes. */
export const studyConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clean'), id: z.literal('clean') }),
  z.object({
    kind: z.literal('attack'),
    /** Unique within the study, e.g. "pgd-0.02". */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
    method: z.enum(ATTACK_IDS),
    /** Budget in normalised display units (eps 0.02 = 2 % of the model's window). */
    eps: z.number().min(0).max(1),
    steps: z.number().int().min(1).max(10_000).optional(),
    seed: z.number().int().min(0).optional(),
  }),
  z.object({ kind: z.literal('imported'), id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/), label: z.string().min(1) }),
]);
export type StudyCondition = z.infer<typeof studyConditionSchema>;

/** What readers are asked about each case. */
export const studyQuestionsSchema = z.object({
  /** Confidence in the manipulated yes/no: 1–5 (5 = certain) or 0–100. */
  confidenceScale: z.enum(['5-point', '0-100']),
  /** Diagnosis classes to choose from (e.g. "nodule", "no nodule"); empty = not asked. */
  diagnosisClasses: z.array(z.string().min(1)).max(20),
  /** Ctrl+click "where?" marks, scored as hits within radiusPx (image pixels) of a truth point. */
  marks: z.object({ enabled: z.boolean(), radiusPx: z.number().positive() }),
  freeText: z.boolean(),
});
export type StudyQuestions = z.infer<typeof studyQuestionsSchema>;

/** A reading phase: test phases unwarned (no "manipulated?" question, as Tordjman's phase 1) or warned; training gives feedback. */
export const studyPhaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/),
  label: z.string().min(1),
  kind: z.enum(['test', 'training']),
  /** Whether readers are told fakes are present and asked "manipulated?". */
  warned: z.boolean(),
  /** Which cases: the test set or the training set. */
  caseSet: z.enum(['test', 'training']),
});
export type StudyPhase = z.infer<typeof studyPhaseSchema>;

/** What a coordinator decides; the cases are derived from it. */
export const studyDesignSchema = z.object({
  name: z.string().min(1).max(200),
  /** Source images: workspace image ids (`aegis:<instanceKey>:<frame>`). */
  sources: z.array(z.object({ imageId: z.string().min(1), truthDiagnosis: z.string().nullable(), truthPoints: z.array(z.tuple([z.number(), z.number()])) })).min(1),
  /** Training-set sources (shown only in training phases). */
  trainingSources: z.array(z.object({ imageId: z.string().min(1), truthDiagnosis: z.string().nullable(), truthPoints: z.array(z.tuple([z.number(), z.number()])) })),
  conditions: z.array(studyConditionSchema).min(2),
  /** How many conditions each source appears in (1 = one version per source, rotated across sources). */
  conditionsPerSource: z.number().int().min(1),
  /** Whether one reader may see two versions of the same source (never back to back). */
  allowSameSource: z.boolean(),
  readers: z.array(z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/), name: z.string().min(1) })).min(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  phases: z.array(studyPhaseSchema).min(1),
  questions: studyQuestionsSchema,
  /** Model id used to craft the attacks (the white-box target). */
  modelId: z.string().nullable(),
  /** Whether readers may use W/L, zoom and slice tools, and go back to earlier cases. */
  toolsAllowed: z.boolean(),
  allowGoBack: z.boolean(),
});
export type StudyDesign = z.infer<typeof studyDesignSchema>;

/** One case: a source image in one condition, with an integer id (iMRMC/RJafroc need integers). */
export const studyCaseSchema = z.object({
  caseId: z.number().int().min(1),
  caseSet: z.enum(['test', 'training']),
  sourceImageId: z.string(),
  conditionId: z.string(),
  /** 1 = manipulated, 0 = clean. */
  truth: z.union([z.literal(0), z.literal(1)]),
  truthDiagnosis: z.string().nullable(),
  truthPoints: z.array(z.tuple([z.number(), z.number()])),
  /** The image shown: the source itself when clean, else the derived image once generated; null until then. */
  imageId: z.string().nullable(),
});
export type StudyCase = z.infer<typeof studyCaseSchema>;

/** A viewing interaction during a case, in ms since the case was shown. */
export const interactionSchema = z.object({
  tMs: z.number().min(0),
  kind: z.enum(['window', 'zoom', 'pan', 'slice', 'reset']),
  value: z.string().max(200),
});

/** One answer, committed the moment it is given. */
export const studyAnswerSchema = z.object({
  phaseId: z.string(),
  caseId: z.number().int().min(1),
  /** Null in unwarned phases unless the reader flagged the image on their own (the question is not asked there). */
  manipulated: z.boolean().nullable(),
  /** On the design's scale; null when not asked. */
  confidence: z.number().min(0).max(100).nullable(),
  diagnosis: z.string().nullable(),
  /** Image-pixel coordinates of "where?" marks, with the ms after display each was placed. */
  marks: z.array(z.object({ x: z.number(), y: z.number(), tMs: z.number().min(0) })).max(50),
  freeText: z.string().max(5000),
  /** Milliseconds from first display to answer. */
  durationMs: z.number().min(0),
  interactions: z.array(interactionSchema).max(5000),
});
export type StudyAnswer = z.infer<typeof studyAnswerSchema>;

/**
 * The QA mode's part of the API contract (spread into `calls` in contract.ts): start a QA session as
 * an engine job ('qa.session', result: the session summary of shared/qaSummary) and fetch its charts
 * as SVG. Charts are rendered in the back end because Vega compiles expressions with `new Function`,
 * which the renderer's Content-Security-Policy forbids.
 */
import { z } from 'zod';
import { QA_DEFENCE_IDS, QA_DETECTOR_IDS, qaAttackSchema } from './qaTypes';

/** Where a session's labelled images come from: a folder + labels CSV the user names, or the demo study. */
export const qaDataSourceSchema = z.discriminatedUnion('kind', [
  /** `dataDir`: absolute folder of the images; `labels`: absolute path of the `file,label` CSV. */
  z.object({ kind: z.literal('folder'), dataDir: z.string().min(1), labels: z.string().min(1) }),
  /** The demo study (written by 'app.demo') labelled from its ground-truth.json; `images`: the first n of its images (all when left out). */
  z.object({ kind: z.literal('demo'), images: z.number().int().min(2).optional() }),
]);
export type QaDataSource = z.infer<typeof qaDataSourceSchema>;

/** 'qa.start' input: model ids from 'models.list', the data, attacks × budgets (L∞, normalised display units), options. */
export const qaStartInputSchema = z.object({
  modelIds: z.array(z.string().min(1)).min(1),
  data: qaDataSourceSchema,
  attacks: z.array(qaAttackSchema).min(1),
  eps: z.array(z.number().gt(0).max(1)).min(1),
  /** Iterations per attack; default the catalogue's batch steps. */
  steps: z.number().int().min(1).max(1000).optional(),
  seed: z.number().int().optional(),
  defences: z.array(z.enum(QA_DEFENCE_IDS)).default([]),
  detectors: z.array(z.enum(QA_DETECTOR_IDS)).default([]),
});
export type QaStartInput = z.infer<typeof qaStartInputSchema>;

/** One chart of a finished session: the id and title of shared/qaCharts and its standalone SVG text. */
export const qaChartSvgSchema = z.object({ id: z.string(), title: z.string(), svg: z.string() });
export type QaChartSvg = z.infer<typeof qaChartSvgSchema>;

/** QA calls, keyed by name. */
export const qaCalls = {
  /**
   * Starts a QA session (job kind 'qa.session'; progress "k of n items · about s left"; 'jobs.cancel'
   * stops after the current item and keeps every finished one, so starting the same session again
   * resumes it). Result: the session summary (QaSummary). `report` is the self-contained HTML report
   * and `outDir` the per-image CSV/JSON folder the job writes, both in the workspace's qa/ folder.
   */
  'qa.start': {
    input: qaStartInputSchema,
    output: z.object({ jobId: z.string(), report: z.string(), outDir: z.string() }),
  },
  /** The charts of a finished 'qa.session' job as SVG (the same figures as its HTML report), in report order. */
  'qa.charts': {
    input: z.object({ jobId: z.string().min(1) }),
    output: z.object({ charts: z.array(qaChartSvgSchema) }),
  },
} as const;

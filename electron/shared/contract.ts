/**
 * The one API contract of Aegis: a zod schema per call and per event. Every transport (Electron IPC
 * through the preload, the loopback HTTP/WebSocket server) and the renderer client are typed from
 * this table, so they cannot drift. Pure TypeScript: imports neither `electron` nor `node:*`.
 */
import { z } from 'zod';
import { seriesSummarySchema, loadFailureSchema, frameMetaSchema, tagNodeSchema } from './studyTypes';
import { jobSchema, jobProgressSchema } from './jobTypes';

/** A call: its input and output schemas. */
export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
}

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({ input, output });

/** Every request/response call, keyed by name ("room.verb"). */
export const calls = {
  'app.info': call(
    z.object({}),
    z.object({ version: z.string(), workspace: z.string(), transport: z.enum(['ipc', 'http']) }),
  ),
  /** Index files or folders (recursive). Returns what loaded and, per file, why the rest did not. */
  'studies.open': call(
    z.object({ paths: z.array(z.string().min(1)).min(1) }),
    z.object({ series: z.array(seriesSummarySchema), failures: z.array(loadFailureSchema), scanned: z.number().int() }),
  ),
  'studies.list': call(z.object({}), z.object({ series: z.array(seriesSummarySchema) })),
  /** Pixel-free description of one frame: geometry, pixel format, modality LUT, default window. */
  'frames.meta': call(z.object({ imageId: z.string() }), frameMetaSchema),
  /** The DICOM tag tree of the instance behind an image id, sequences included. */
  'frames.tags': call(z.object({ imageId: z.string() }), z.object({ tags: z.array(tagNodeSchema) })),
  'jobs.cancel': call(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
  'jobs.list': call(z.object({}), z.object({ jobs: z.array(jobSchema) })),
} as const;

/** Every event pushed from the back end to the renderer. */
export const events = {
  'job.progress': jobProgressSchema,
  'job.finished': jobSchema,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.infer<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.infer<Calls[N]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.infer<Events[N]>;

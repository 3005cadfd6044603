/**
 * The one API contract of Aegis: a zod schema per call and per event. Every transport (Electron IPC
 * through the preload, the loopback HTTP/WebSocket server) and the renderer client are typed from
 * this table, so they cannot drift. Pure TypeScript: imports neither `electron` nor `node:*`.
 */
import { z } from 'zod';
import { seriesSummarySchema, loadFailureSchema, frameMetaSchema, tagNodeSchema, pixelMetaSchema } from './studyTypes';
import { jobSchema, jobProgressSchema } from './jobTypes';
import { labCalls } from './labCalls';
import { readerStudyCalls } from './readerStudyCalls';
import { qaCalls } from './qaCalls';

/**
 * How a failed call reaches the caller on every transport. `bad-input`: the input did not match the
 * schema (the message says which field); `not-found`: an unknown image id or job id; `failed`: the
 * work itself failed (the message is plain words for the user).
 */
export const apiErrorSchema = z.object({
  code: z.enum(['bad-input', 'not-found', 'failed']),
  message: z.string(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

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
  /**
   * The desktop app's native open dialog (files, or one folder). Resolves to the chosen absolute
   * paths, empty when the user cancels. Electron's main process answers it; in browser mode it fails
   * with a plain message (type a path instead).
   */
  'app.pickPaths': call(z.object({ kind: z.enum(['files', 'folder']) }), z.object({ paths: z.array(z.string()) })),
  /**
   * Index files or folders (recursive). Runs as a job of kind 'studies.open' (progress arrives as
   * 'job.progress' events; the first one carries the jobId 'jobs.cancel' needs) and resolves when it
   * ends with what loaded and, per file, why the rest did not. `series` lists only the series touched by
   * these paths; 'studies.list' lists everything opened.
   */
  'studies.open': call(
    z.object({ paths: z.array(z.string().min(1)).min(1) }),
    z.object({
      jobId: z.string(),
      series: z.array(seriesSummarySchema),
      failures: z.array(loadFailureSchema),
      scanned: z.number().int(),
    }),
  ),
  'studies.list': call(z.object({}), z.object({ series: z.array(seriesSummarySchema) })),
  /** Pixel-free description of one frame: geometry, pixel format, modality LUT, default window. */
  'frames.meta': call(z.object({ imageId: z.string() }), frameMetaSchema),
  /**
   * The pixels of one frame as raw little-endian bytes of the typed array named by `meta.dtype`
   * (`rows × columns × samplesPerPixel` elements): stored values before the modality LUT, or 8-bit
   * interleaved RGB when `meta.color`. Transports carry `data` as binary, never as JSON text.
   */
  'frames.pixels': call(
    z.object({ imageId: z.string() }),
    z.object({
      imageId: z.string(),
      meta: pixelMetaSchema,
      data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected binary data (a Uint8Array)'),
    }),
  ),
  /** The DICOM tag tree of the instance behind an image id, sequences included. */
  'frames.tags': call(z.object({ imageId: z.string() }), z.object({ tags: z.array(tagNodeSchema) })),
  /** Ask a job to stop. `cancelled` is false when the job had already ended. */
  'jobs.cancel': call(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
  /** One job by id (also jobs that ended in an earlier session, from the workspace database). */
  'jobs.get': call(z.object({ jobId: z.string() }), jobSchema),
  /** The most recent jobs, newest first (at most 200). */
  'jobs.list': call(z.object({}), z.object({ jobs: z.array(jobSchema) })),
  ...labCalls,
  ...readerStudyCalls,
  ...qaCalls,
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

/**
 * The message protocol between the host (electron/services/engineHost) and the engine process. Both
 * directions are validated with these schemas; messages travel by structured clone (Node's
 * 'advanced' IPC serialisation or Electron's utilityProcess), so typed arrays survive intact.
 *
 * The host sends at most one 'run' at a time; a job ends with exactly one of 'done', 'failed' or
 * 'cancelled'. The engine says 'ready' once, after its job kinds are registered.
 */
import { z } from 'zod';

/** Host → engine. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), jobId: z.string(), kind: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('cancel'), jobId: z.string() }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** Engine → host. `progress` is a fraction in [0, 1]; `error` is a plain-words sentence. */
export const engineMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), kinds: z.array(z.string()), pid: z.number().int() }),
  z.object({ type: z.literal('progress'), jobId: z.string(), progress: z.number().min(0).max(1), message: z.string() }),
  z.object({ type: z.literal('done'), jobId: z.string(), result: z.unknown() }),
  z.object({ type: z.literal('failed'), jobId: z.string(), error: z.string() }),
  z.object({ type: z.literal('cancelled'), jobId: z.string() }),
]);
export type EngineMessage = z.infer<typeof engineMessageSchema>;

/**
 * What every transport of the contract shares: the result envelope, the error codes, input
 * validation with plain-words messages, the Electron IPC channel names and the shape of the
 * preload's `window.aegis` bridge. Pure TypeScript (no `node:*`, no `electron`).
 */
import type { z } from 'zod';
import { apiErrorSchema, calls, events } from './contract';
import type { ApiErrorBody, CallInput, CallName, CallOutput, EventName, EventPayload } from './contract';

/** The envelope every IPC call resolves to, so errors keep their code across Electron's invoke. */
export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** The HTTP status the loopback server answers for each error code. */
export const HTTP_STATUS_OF: Record<ApiErrorBody['code'], number> = { 'bad-input': 400, 'not-found': 404, failed: 500 };

/** The Electron IPC channel of one contract call (one `ipcMain.handle` per call). */
export function callChannel(name: CallName): string {
  return `aegis:call:${name}`;
}

/** The one Electron IPC channel that carries every contract event, as `(name, payload)`. */
export const EVENT_CHANNEL = 'aegis:event';

/** The name `window.aegis` is exposed under by the preload. */
export const BRIDGE_KEY = 'aegis';

/** What the preload exposes on `window.aegis`: the typed contract and nothing else. */
export interface AegisBridge {
  /** Runs one contract call in the main process; never rejects, errors come back in the envelope. */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<CallOutput<N>>>;
  /** Subscribes to one contract event; returns the function that unsubscribes. */
  onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** True when `name` is a call of the contract (guards strings arriving from a transport). */
export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Error thrown by the renderer client when a call fails; `code` says which kind of failure. */
export class ApiCallError extends Error {
  constructor(
    readonly call: string,
    readonly code: ApiErrorBody['code'] | 'transport',
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/**
 * Validates a call's input against its zod schema.
 * @returns the parsed input, or an `bad-input` error naming each bad field in plain words
 *   (`studies.open: invalid input: paths: expected array, received undefined`).
 */
export function parseCallInput<N extends CallName>(name: N, raw: unknown): CallResult<CallInput<N>> {
  const parsed = (calls[name].input as z.ZodType).safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as CallInput<N> };
  const details = parsed.error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, error: { code: 'bad-input', message: `${name}: invalid input: ${details}` } };
}

/**
 * Turns anything a handler threw into an error body with a user-facing message (no stack). An error
 * carrying one of the contract's codes in `code` keeps it; anything else is `failed`.
 */
export function toApiError(name: string, err: unknown): ApiErrorBody {
  const message = (err instanceof Error ? err.message : String(err)) || `${name} failed.`;
  const code = apiErrorSchema.shape.code.safeParse((err as { code?: unknown } | null)?.code);
  return { code: code.success ? code.data : 'failed', message };
}


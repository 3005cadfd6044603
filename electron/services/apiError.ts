/** An error a handler throws on purpose: its `code` and plain-words message reach the caller as-is. */
import type { ApiErrorBody } from '../shared/contract';

/** See the file comment; transports map `code` to their status (HTTP 400 / 404 / 500). */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The error as the contract's error body. */
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

/**
 * `POST /api/call/<name>`: one contract call over HTTP. The body is the call's input as JSON (or an
 * Aegis binary message when it carries typed arrays); it is validated by the contract's schema before
 * the handler sees it. The answer is the output as JSON, or as a binary message when the output holds
 * typed arrays (frame pixels), never base64. Errors answer `{ error: { code, message } }` with 400
 * (bad input), 404 (unknown call or id) or 500 (the work failed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from '../services/backendTypes';
import type { ApiErrorBody } from '../shared/contract';
import { BINARY_WIRE_MIME, containsBinary, decodeBinaryMessage, encodeBinaryMessage } from '../shared/binaryWire';
import { HTTP_STATUS_OF, isCallName, parseCallInput, toApiError } from '../shared/transport';

/** The largest request body accepted, in bytes (64 MiB). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Headers on every API answer: never cached, never sniffed. */
const API_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function sendError(res: ServerResponse, error: ApiErrorBody): void {
  res.writeHead(HTTP_STATUS_OF[error.code], { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error }));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(body: Buffer, contentType: string | undefined): unknown {
  if (contentType?.startsWith(BINARY_WIRE_MIME)) return decodeBinaryMessage(new Uint8Array(body));
  return body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
}

/** Answers one call request; `name` is the path segment after `/api/call/`. Never throws. */
export async function handleCallRequest(req: IncomingMessage, res: ServerResponse, backend: Backend, name: string): Promise<void> {
  if (!isCallName(name)) {
    sendError(res, { code: 'not-found', message: `Unknown call "${name}".` });
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { ...API_HEADERS, allow: 'POST', 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'bad-input', message: `${name}: use POST.` } }));
    return;
  }
  let raw: unknown;
  try {
    raw = parseBody(await readBody(req), req.headers['content-type']);
  } catch (err) {
    sendError(res, { code: 'bad-input', message: `${name}: unreadable request body: ${(err as Error).message}` });
    return;
  }
  const input = parseCallInput(name, raw);
  if (!input.ok) {
    sendError(res, input.error);
    return;
  }
  let output: unknown;
  try {
    const handler = backend.handlers[name] as (i: unknown) => Promise<unknown>;
    output = await handler(input.value);
  } catch (err) {
    sendError(res, toApiError(name, err));
    return;
  }
  if (containsBinary(output)) {
    const bytes = encodeBinaryMessage(output);
    res.writeHead(200, { ...API_HEADERS, 'content-type': BINARY_WIRE_MIME, 'content-length': bytes.byteLength });
    res.end(bytes);
  } else {
    res.writeHead(200, { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(output ?? null));
  }
}

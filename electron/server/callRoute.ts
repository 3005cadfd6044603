/**
 * `POST /api/call/<name>`: one contract call over HTTP. The body is the call's input as JSON (or an
 * Aegis binary message when it carries typed arrays); it is validated by the contract's schema before
 * the handler sees it. The answer is the output as JSON, or as a binary message when the output holds
 * typed arrays (frame pixels), never base64. Errors answer `{ error: { code, message } }` with 400
 * (bad input), 413 (a JSON body over 1 MiB, a binary one over 64 MiB), 404 (unknown call or id) or
 * 500 (the work failed). JSON is bounded in size and nesting before it is parsed (issue #13).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from '../services/backendTypes';
import type { ApiErrorBody } from '../shared/contract';
import { BINARY_WIRE_MIME, containsBinary, decodeBinaryMessage, encodeBinaryMessage } from '../shared/binaryWire';
import { HTTP_STATUS_OF, isCallName, parseCallInput, toApiError } from '../shared/transport';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './jsonNesting';

/** The largest binary (Aegis binary message) request body accepted, in bytes (64 MiB): pixels. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The largest JSON request body, and the largest JSON header of a binary body, in bytes (1 MiB). */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Headers on every API answer: never cached, never sniffed. */
const API_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** A request the server refuses before parsing it: its status and a plain message. */
class BodyRefusal extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

function sendError(res: ServerResponse, error: ApiErrorBody): void {
  res.writeHead(HTTP_STATUS_OF[error.code], { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error }));
}

function mib(bytes: number): string {
  return `${bytes / 1024 / 1024} MiB`;
}

/** Reads the body, refusing (413) as soon as it passes `limit` bytes, whether announced or streamed. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const tooLarge = () => new BodyRefusal(413, `the request body is over ${mib(limit)}`);
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(tooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(tooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses JSON text after bounding its size and nesting, so no body can hold the event loop. */
function parseJson(bytes: Uint8Array, what: string): unknown {
  if (bytes.length > MAX_JSON_BYTES) throw new BodyRefusal(413, `${what} is over ${mib(MAX_JSON_BYTES)}`);
  if (jsonNestsDeeperThan(bytes)) throw new BodyRefusal(400, `${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
  } catch (err) {
    throw new BodyRefusal(400, `${what} is not JSON (${(err as Error).message})`);
  }
}

function parseBody(body: Buffer, binary: boolean): unknown {
  if (!binary) return body.length === 0 ? {} : parseJson(body, 'the JSON body');
  // The binary message's own header is JSON: bound it the same way before decoding.
  const headerLength = body.length >= 8 ? body.readUInt32LE(4) : 0;
  if (headerLength > 0 && headerLength <= body.length - 8) parseJson(body.subarray(8, 8 + headerLength), 'the binary message header');
  else if (headerLength > MAX_JSON_BYTES) throw new BodyRefusal(413, `the binary message header is over ${mib(MAX_JSON_BYTES)}`);
  try {
    return decodeBinaryMessage(new Uint8Array(body.buffer, body.byteOffset, body.length));
  } catch (err) {
    throw new BodyRefusal(400, (err as Error).message);
  }
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
  const binary = req.headers['content-type']?.startsWith(BINARY_WIRE_MIME) ?? false;
  let raw: unknown;
  try {
    raw = parseBody(await readBody(req, binary ? MAX_BODY_BYTES : MAX_JSON_BYTES), binary);
  } catch (err) {
    const status = err instanceof BodyRefusal ? err.status : 400;
    res.writeHead(status, { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8', connection: 'close' });
    res.end(JSON.stringify({ error: { code: 'bad-input', message: `${name}: unreadable request body: ${(err as Error).message}.` } }));
    return;
  }
  let input: ReturnType<typeof parseCallInput>;
  try {
    input = parseCallInput(name, raw);
  } catch (err) {
    sendError(res, { code: 'bad-input', message: `${name}: invalid input: ${(err as Error).message}` });
    return;
  }
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

/**
 * The loopback server's gate: every request and WebSocket upgrade must name our own host and origin
 * (403 otherwise, which defeats DNS rebinding and cross-site requests) and carry the per-launch token
 * (401 otherwise). Pure function of the request's URL and headers, so it is unit-tested directly.
 */
import { timingSafeEqual } from 'node:crypto';
import { parseRequestTarget } from './requestTarget';

/** Where a request may carry the token. The API takes only the header; pages also the cookie. */
export type TokenSources = 'header' | 'header-or-query' | 'page';

/** What the guard needs from a request. Header names are lower-case, as Node gives them. */
export interface GuardedRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A refusal: the HTTP status and a plain-words reason. */
export interface Refusal {
  status: 401 | 403;
  message: string;
}

/** The cookie that lets the page's own assets load after the first `/?token=` visit. Port-scoped. */
export function tokenCookieName(port: number): string {
  return `aegis_token_${port}`;
}

/** Host names the server answers to: the loopback address it is bound to, and `localhost`. */
function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when `origin` is one of the server's own origins (`http://127.0.0.1:PORT`, `http://localhost:PORT`). */
export function isOwnOrigin(origin: string, port: number): boolean {
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Compares two tokens in time independent of where they differ. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Checks one request. Host and Origin are checked first (403), then the token (401).
 * @param sources where the token may be: `header` (`Authorization: Bearer …`, the API),
 *   `header-or-query` (also `?token=`, WebSocket upgrades, which browsers cannot give headers),
 *   `page` (also `?token=` and the port-scoped cookie, the renderer's own files).
 * @returns null when the request may proceed, else the refusal to send.
 */
export function checkRequest(req: GuardedRequest, token: string, port: number, sources: TokenSources): Refusal | null {
  const host = single(req.headers.host)?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) {
    return { status: 403, message: `Host "${host ?? ''}" refused: this server answers only to 127.0.0.1:${port}.` };
  }
  const origin = single(req.headers.origin);
  if (origin !== undefined && !isOwnOrigin(origin, port)) {
    return { status: 403, message: `Origin "${origin}" refused: only pages served by this server may call it.` };
  }

  const candidates: (string | undefined)[] = [];
  const auth = single(req.headers.authorization);
  if (auth?.startsWith('Bearer ')) candidates.push(auth.slice('Bearer '.length).trim());
  if (sources !== 'header') candidates.push(parseRequestTarget(req.url)?.searchParams.get('token') ?? undefined);
  if (sources === 'page') candidates.push(cookieValue(single(req.headers.cookie), tokenCookieName(port)));

  const given = candidates.filter((c): c is string => !!c);
  if (given.length === 0) return { status: 401, message: 'Missing token: open the URL printed by "aegis serve".' };
  if (!given.some((g) => tokensEqual(g, token))) return { status: 401, message: 'Wrong token: open the URL printed by "aegis serve".' };
  return null;
}

/** The JSON body of a refusal: `{ error: { code: 'unauthorized' | 'forbidden', message } }`. */
export function refusalBody(refusal: Refusal): string {
  return JSON.stringify({ error: { code: refusal.status === 401 ? 'unauthorized' : 'forbidden', message: refusal.message } });
}

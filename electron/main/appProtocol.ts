/**
 * The app:// protocol handler: serves the built renderer folder with the CSP header, refusing any
 * other host and any path that would leave the folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { assetContentType, safeAssetSegments } from '../shared/staticAssets';
import { APP_HOST, APP_SCHEME } from './appOrigin';
import { APP_CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

/**
 * Maps an `app://aegis/…` request URL to a file inside `root`; null for another scheme or host, a
 * malformed URL, or a path that would leave `root` (`..`, `%2e%2e`, `%2f`, backslashes).
 */
export function resolveAppPath(requestUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const segments = safeAssetSegments(url.pathname);
  if (!segments) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full.startsWith(base + sep) ? full : null;
}

/**
 * Answers one app:// request (the function given to `protocol.handle`): the file with its content
 * type and the CSP, 404 when refused or missing, 405 for anything but GET/HEAD.
 */
export async function serveAppRequest(request: Request, root: string): Promise<Response> {
  const headers = { 'content-security-policy': APP_CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers });
  const file = resolveAppPath(request.url, root);
  try {
    if (file && (await stat(file)).isFile()) {
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
      return new Response(body, { status: 200, headers: { ...headers, 'content-type': assetContentType(file) } });
    }
  } catch {
    // Unreadable: answered as missing below.
  }
  return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

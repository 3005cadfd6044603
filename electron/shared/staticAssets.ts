/**
 * The renderer's bundled files as both hosts serve them (the loopback server over HTTP, Electron's
 * app:// protocol): which URL paths are safe to map into the bundle folder, and their content types.
 * Pure string logic, so the one path check that guards against traversal is written once.
 */

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

/**
 * Splits a URL path (`/assets/index.js`, still percent-encoded) into the path segments of a file
 * inside the bundle folder, or null when it is malformed or would leave the folder (`..` or `.`,
 * also percent-encoded, backslashes, NUL, a drive letter). `/` maps to `['index.html']`.
 */
export function safeAssetSegments(urlPath: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:/.test(s))) return null;
  return segments.length ? segments : ['index.html'];
}

/** The content type for a file name, by extension (`application/octet-stream` when unknown). */
export function assetContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[fileName.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

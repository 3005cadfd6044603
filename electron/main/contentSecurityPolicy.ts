/**
 * The Content-Security-Policy of the desktop renderer, sent as a header by the app:// protocol
 * handler: scripts, styles and fonts only from app://aegis, no inline script, no eval, no plugins,
 * no framing, no forms, and no network at all (the API travels over IPC, not fetch).
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

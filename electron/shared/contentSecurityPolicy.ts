/**
 * The Content-Security-Policy of the renderer, desktop or browser: scripts, styles and fonts only
 * from the page's own origin, no inline script, no eval, no plugins, no framing, no forms, and
 * network access only to the own origin plus `extraConnectSources` (e.g. the event WebSocket).
 */
export function rendererContentSecurityPolicy(extraConnectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...extraConnectSources].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

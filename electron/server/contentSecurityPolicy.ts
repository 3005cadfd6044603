/**
 * The Content-Security-Policy of the renderer in browser mode: scripts, styles and fonts only from the
 * server itself, no inline script, no eval, no plugins, no framing, no forms, and network access
 * only back to this server (HTTP calls and the event WebSocket).
 */
export function contentSecurityPolicy(port: number): string {
  const sockets = `ws://127.0.0.1:${port} ws://localhost:${port}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${sockets}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

import { rendererContentSecurityPolicy } from '../shared/contentSecurityPolicy';

/**
 * The Content-Security-Policy of the renderer in browser mode: scripts, styles and fonts only from the
 * server itself, no inline script, no eval, no plugins, no framing, no forms, and network access
 * only back to this server (HTTP calls and the event WebSocket on `port`).
 */
export function contentSecurityPolicy(port: number): string {
  return rendererContentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
}

import { rendererContentSecurityPolicy } from '../shared/contentSecurityPolicy';

/**
 * The Content-Security-Policy of the desktop renderer, sent as a header by the app:// protocol
 * handler: scripts, styles and fonts only from app://aegis, no inline script, no eval, no plugins,
 * no framing, no forms, and no network at all (the API travels over IPC, not fetch).
 */
export const APP_CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

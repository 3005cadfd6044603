/**
 * The desktop renderer's home: the custom `app://aegis/` origin (never `file://`). Registered as a
 * standard, secure scheme so it gets a real origin, `'self'` in the CSP and the fetch API, but no CSP
 * bypass and no CORS privileges.
 */

/** The custom scheme the renderer is served from. */
export const APP_SCHEME = 'app';

/** The one host of that scheme; anything else is refused. */
export const APP_HOST = 'aegis';

/** The renderer's origin, as `senderFrame.url` and `will-navigate` report it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The privileges `protocol.registerSchemesAsPrivileged` grants the scheme (before `app` is ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** True when `url` is a page of our own origin (`app://aegis/…`). Malformed URLs are false. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

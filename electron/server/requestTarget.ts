/**
 * The request target of an HTTP request or WebSocket upgrade, read without ever throwing: a raw
 * request line such as `GET //[` or `GET //a@` must answer 400, not reach `new URL` unguarded and
 * stop the server (issue #13).
 */

/** The path and query of one request. */
export interface RequestTarget {
  /** The decoded-as-URL path, always starting with `/`. */
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * Parses a request target in origin form (`/path?query`), the only form this server answers.
 * It is appended to a fixed origin rather than resolved against it, so `//host/x` stays a path and
 * never names another authority.
 * @returns the target, or null for anything else (absolute form, `*`, a target URL parsing refuses).
 */
export function parseRequestTarget(url: string | undefined): RequestTarget | null {
  const target = url ?? '/';
  if (!target.startsWith('/')) return null;
  try {
    const parsed = new URL(`http://127.0.0.1${target}`);
    if (parsed.host !== '127.0.0.1') return null;
    return { pathname: parsed.pathname, searchParams: parsed.searchParams };
  } catch {
    return null;
  }
}

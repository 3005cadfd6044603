/** The app:// protocol: our files from the renderer folder with the CSP, nothing outside it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES } from '../../electron/main/appOrigin';
import { resolveAppPath, serveAppRequest } from '../../electron/main/appProtocol';
import { APP_CONTENT_SECURITY_POLICY } from '../../electron/main/contentSecurityPolicy';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'aegis-app-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Aegis</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'export {}');
  writeFileSync(join(base, 'secret.txt'), 'outside');
});

describe('resolveAppPath', () => {
  it('maps app://aegis paths into the renderer folder', () => {
    expect(resolveAppPath(APP_ENTRY_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://aegis/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://aegis/assets/index.js?v=1', root)).toBe(join(root, 'assets', 'index.js'));
  });

  it('refuses traversal, other hosts and other schemes', () => {
    for (const url of [
      'app://aegis/..%2fsecret.txt',
      'app://aegis/assets/..%2f..%2fsecret.txt',
      'app://aegis/%5c..%5csecret.txt',
      'app://aegis/C:%5cWindows%5cwin.ini',
      'app://aegis/a%00b',
      'app://evil/index.html',
      'file:///etc/passwd',
      'http://aegis/index.html',
      '::not a url::',
    ]) {
      expect(resolveAppPath(url, root), url).toBeNull();
    }
    // The URL parser itself folds dot segments (plain or %2e-encoded) back inside the origin's root.
    expect(resolveAppPath('app://aegis/../secret.txt', root)).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath('app://aegis/%2e%2e/%2E%2E/secret.txt', root)).toBe(join(root, 'secret.txt'));
  });
});

describe('serveAppRequest', () => {
  it('serves a file with its type and the strict CSP', async () => {
    const res = await serveAppRequest(new Request('app://aegis/assets/index.js'), root);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(await res.text()).toBe('export {}');
  });

  it('answers 404 for a refused or missing path (the secret never leaks) and 405 for POST', async () => {
    const refused = await serveAppRequest(new Request('app://aegis/%2e%2e/secret.txt'), root);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('outside');
    expect((await serveAppRequest(new Request('app://aegis/nope.js'), root)).status).toBe(404);
    expect((await serveAppRequest(new Request('app://aegis/assets'), root)).status).toBe(404);
    expect((await serveAppRequest(new Request('app://aegis/index.html', { method: 'POST', body: 'x' }), root)).status).toBe(405);
  });
});

describe('the app:// scheme and its CSP', () => {
  it('is standard and secure, with no CSP bypass and no CORS privileges', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('allows scripts only from the app itself: no inline, no eval, no network, no framing', () => {
    const directives = Object.fromEntries(APP_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });
});

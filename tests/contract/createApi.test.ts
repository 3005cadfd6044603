/** Start-up transport choice and the page token's life in the browser. */
import { describe, expect, it } from 'vitest';
import { createApi, takePageToken } from '../../renderer/api/createApi';
import type { AegisBridge } from '../../electron/shared/transport';

/** A window with just what createApi reads: location, history, sessionStorage, maybe a bridge. */
function fakeWindow(href: string, extra: Record<string, unknown> = {}) {
  const store = new Map<string, string>();
  const win = {
    location: { href, origin: new URL(href).origin },
    history: {
      state: null,
      replaceState(_s: unknown, _t: string, url: string) {
        win.location.href = new URL(url, win.location.href).href;
      },
    },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    ...extra,
  };
  return win as unknown as Window & { location: { href: string } };
}

describe('takePageToken', () => {
  it('takes ?token= into sessionStorage and strips it from the address bar, keeping the rest', () => {
    const win = fakeWindow('http://127.0.0.1:5000/?token=abc123&view=2#series');
    expect(takePageToken(win)).toBe('abc123');
    expect(win.location.href).toBe('http://127.0.0.1:5000/?view=2#series');
    // A reload no longer has it in the URL but still has it for this tab.
    expect(takePageToken(win)).toBe('abc123');
  });

  it('has no token on a page opened without one', () => {
    expect(takePageToken(fakeWindow('http://127.0.0.1:5000/'))).toBeNull();
  });
});

describe('createApi', () => {
  it('uses the preload bridge when the page runs in the desktop app', () => {
    const bridge: AegisBridge = { call: async () => ({ ok: true, value: null as never }), onEvent: () => () => {} };
    expect(createApi(fakeWindow('app://aegis/index.html', { aegis: bridge })).transport).toBe('ipc');
  });

  it('says what to do when a browser page has no token', () => {
    expect(() => createApi(fakeWindow('http://127.0.0.1:5000/'))).toThrow(/open the full URL printed by "aegis serve"/);
  });
});

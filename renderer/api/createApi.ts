/**
 * Picks the transport at start-up: the preload's `window.aegis` in the desktop app, otherwise the
 * loopback server that served this page, with the token from `?token=` (then kept in sessionStorage
 * and removed from the address bar, so it is not bookmarked or shared by accident).
 */
import { BRIDGE_KEY, type AegisBridge } from '../../electron/shared/transport';
import type { ApiClient } from './apiClient';
import { createHttpTransport } from './httpTransport';
import { createIpcTransport } from './ipcTransport';

const TOKEN_KEY = 'aegis.token';

/** Reads the page's token: `?token=` wins (and is stripped from the URL), else sessionStorage. */
export function takePageToken(win: Window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_KEY);
}

/**
 * The renderer's API for this page.
 * @throws Error in browser mode when the page was opened without its token.
 */
export function createApi(win: Window = window): ApiClient {
  const bridge = (win as unknown as Record<string, AegisBridge | undefined>)[BRIDGE_KEY];
  if (bridge) return createIpcTransport(bridge);
  const token = takePageToken(win);
  if (!token) throw new Error('This page needs its access token: open the full URL printed by "aegis serve" (it ends in ?token=…).');
  return createHttpTransport({ baseUrl: win.location.origin, token });
}

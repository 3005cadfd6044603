/**
 * The window's locks, driven through stand-ins for Session and WebContents: every permission and download denied,
 * every navigation, redirect and <webview> prevented, every new window (window.open, target=_blank,
 * middle-click) denied.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from 'electron';
import { lockSession, lockWebContents, type LockableContents, type LockableSession } from '../../electron/main/windowHardening';

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];

describe('lockSession', () => {
  it('denies every permission request, permission check and device grant, and prevents downloads', () => {
    let request = null as RequestHandler;
    let check = null as CheckHandler;
    let device: ((details: unknown) => boolean) | null = null;
    let download: ((event: { preventDefault(): void }) => void) | null = null;
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => void (request = h),
      setPermissionCheckHandler: (h: CheckHandler) => void (check = h),
      setDevicePermissionHandler: (h: (details: unknown) => boolean) => void (device = h),
      on: (name: string, h: (event: { preventDefault(): void }) => void) => {
        if (name === 'will-download') download = h;
        return session;
      },
    };
    lockSession(session as unknown as LockableSession);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'fileSystem', 'openExternal'] as const) {
      (request as NonNullable<RequestHandler>)({} as never, permission, (granted) => answers.push(granted), {} as never);
      expect((check as NonNullable<CheckHandler>)(null, permission as never, 'app://aegis', {} as never)).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false, false]);
    expect((device as unknown as (details: unknown) => boolean)({ deviceType: 'usb', origin: 'app://aegis' })).toBe(false);
    let prevented = false;
    (download as unknown as (event: { preventDefault(): void }) => void)({ preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('lockWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: ((details: unknown) => { action: string }) | null = null;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: (h: (details: unknown) => { action: string }) => {
        openHandler = h;
      },
    };
    lockWebContents(contents as unknown as LockableContents);
    return { listeners, open: (details: unknown) => (openHandler as NonNullable<typeof openHandler>)(details) };
  }

  it('prevents navigation, frame navigation, redirects and <webview> attachment', () => {
    const { listeners } = fakeContents();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      const listener = listeners.get(name);
      expect(listener, name).toBeDefined();
      listener?.({ preventDefault: () => void (prevented = true) });
      expect(prevented, name).toBe(true);
    }
  });

  it('denies every new window, whatever opened it', () => {
    const { open } = fakeContents();
    for (const disposition of ['new-window', 'foreground-tab', 'background-tab']) {
      expect(open({ url: 'https://example.org/', disposition, frameName: '', features: '' })).toEqual({ action: 'deny' });
    }
  });
});

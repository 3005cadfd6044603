/**
 * Session and webContents locks: every permission request and check denied, downloads refused; navigation, redirects,
 * new windows, <webview> attachment and middle-click opened nowhere (Electron security checklist
 * items 5, 13, 14). The app never needs the camera, notifications or another page.
 */
import type { Session, WebContents } from 'electron';

/** The parts of a `Session` the lock touches. */
export type LockableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

/** Denies every permission request, permission check and device (USB/HID/serial) grant, and every download. */
export function lockSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/** The parts of a `WebContents` the lock touches. */
export type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Blocks navigation away from the loaded page, redirects, new windows and <webview> tags. */
export function lockWebContents(contents: LockableContents): void {
  const block = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', block);
  contents.on('will-frame-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', block);
  // Middle-click (auxclick) and window.open both land here; the app opens no second window.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

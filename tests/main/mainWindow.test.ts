/** The window as constructed, with `electron` mocked: hardened preferences, locks, app:// entry. */
import { describe, expect, it, vi } from 'vitest';

const made: { options: { webPreferences: Record<string, unknown> }; url?: string; openHandler?: unknown; listeners: string[] }[] = [];

vi.mock('electron', () => ({
  BrowserWindow: class {
    record: (typeof made)[number];
    webContents: unknown;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.record = { options, listeners: [] };
      made.push(this.record);
      const record = this.record;
      this.webContents = {
        on(name: string) {
          record.listeners.push(name);
          return this;
        },
        setWindowOpenHandler(h: unknown) {
          record.openHandler = h;
        },
      };
    }
    once() {}
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  },
}));

describe('createMainWindow', () => {
  it('writes the hardened preferences explicitly, locks the webContents and loads app://aegis', async () => {
    const { createMainWindow } = await import('../../electron/main/mainWindow');
    createMainWindow('/app/dist/preload/preload.cjs');
    expect(made).toHaveLength(1);
    const prefs = made[0]!.options.webPreferences;
    expect(prefs).toEqual({
      preload: '/app/dist/preload/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(made[0]!.url).toBe('app://aegis/index.html');
    expect(made[0]!.listeners).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    expect((made[0]!.openHandler as () => unknown)()).toEqual({ action: 'deny' });
  });
});

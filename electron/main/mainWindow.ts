/**
 * The one Aegis window: every security-relevant webPreference written out literally in the
 * constructor call (Electron security checklist items 2–4, 6, 8–10, 14), so a reader or a scanner
 * such as electronegativity sees them without knowing defaults; locked webContents; the renderer
 * from app://aegis.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './appOrigin';
import { lockWebContents } from './windowHardening';

/** Opens the window with `preload` (the bundled CommonJS preload) and loads the renderer. */
export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Aegis',
    backgroundColor: '#111111',
    show: false,
    webPreferences: {
      preload,
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
      // Middle-click would open links in new windows; with Auxclick off it cannot even try.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

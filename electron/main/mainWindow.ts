/** The one Aegis window: hardened preferences, locked webContents, the renderer from app://aegis. */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './appOrigin';
import { secureWebPreferences } from './webPreferences';
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
    webPreferences: secureWebPreferences(preload),
  });
  lockWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/**
 * The Electron main process: sandbox everything, serve the renderer from app://aegis, lock sessions
 * and webContents, put the contract on IPC (sender checked first), run the back end with its
 * workspace in userData (AEGIS_HOME of the desktop app) and the engine in a utility process.
 * Bundled by scripts/build.mjs to dist/main/main.cjs, so `__dirname` is dist/main.
 */
import '../services/telemetryOff';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, utilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '../services/backend';
import type { Backend } from '../services/backendTypes';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './appOrigin';
import { serveAppRequest } from './appProtocol';
import { forwardEvents } from './eventForwarding';
import { registerContractHandlers } from './ipcHandlers';
import { createMainWindow } from './mainWindow';
import { createPickPathsHandler } from './pickPaths';
import { isTrustedSender } from './senderValidation';
import { utilityEngineSpawner } from './utilityEngine';
import { lockSession, lockWebContents } from './windowHardening';

const DIST = join(__dirname, '..');

// From a source checkout, better-sqlite3 in node_modules is built for Node (npm test, the CLI);
// `npm start` prepares an Electron build of it beside, which the workspace then loads.
const electronSqlite = join(__dirname, '..', '..', '.cache', 'electron-native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
if (!app.isPackaged && !process.env.AEGIS_SQLITE_BINDING && existsSync(electronSqlite)) process.env.AEGIS_SQLITE_BINDING = electronSqlite;

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Any webContents the app ever creates is locked, not only the main window's.
app.on('web-contents-created', (_event, contents) => lockWebContents(contents));

if (!app.requestSingleInstanceLock()) {
  // One app, one engine process, one writer of the workspace database.
  app.quit();
} else {
  let backend: Backend | null = null;
  let window: BrowserWindow | null = null;
  const trusted = new Set<number>();

  const openWindow = () => {
    const win = createMainWindow(join(DIST, 'preload', 'preload.cjs'));
    const id = win.webContents.id;
    trusted.add(id);
    const stopEvents = backend ? forwardEvents(backend, win.webContents) : () => {};
    win.on('closed', () => {
      trusted.delete(id);
      stopEvents();
      if (window === win) window = null;
    });
    window = win;
  };

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.whenReady().then(() => {
    lockSession(session.defaultSession);
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, join(DIST, 'renderer')));
    const running = createBackend({
      home: app.getPath('userData'),
      transport: 'ipc',
      spawnEngine: utilityEngineSpawner(utilityProcess, join(DIST, 'engine', 'engineProcess.cjs')),
    });
    backend = running;
    const handlers = { ...running.handlers, 'app.pickPaths': createPickPathsHandler(dialog, () => window) };
    registerContractHandlers(ipcMain, handlers, (event) => isTrustedSender(event, trusted));
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (!backend || closing) return;
    // Stop the engine and close the database before exiting, so nothing already written is lost.
    event.preventDefault();
    closing = true;
    void backend.close().finally(() => app.quit());
  });
}

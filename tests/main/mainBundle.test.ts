/**
 * The built Electron main process (dist/main/main.cjs, exactly what `npm start` and the packaged app
 * run) loaded in Node against a stand-in `electron` module: it must sandbox the app, register the
 * app:// scheme before ready, lock the session, open the window with the hardened preferences on
 * app://aegis, serve the renderer with the CSP, and answer the contract on IPC for its own window's
 * main frame only, with the native dialog behind 'app.pickPaths'. `npm test` builds dist/ first.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { calls } from '../../electron/shared/contract';
import { callChannel } from '../../electron/shared/transport';
import { createIpcStandIn, type StandInContents } from '../contract/ipcStandIn';

const BUNDLE = resolve('dist/main/main.cjs');
const world = createIpcStandIn();
const home = mkdtempSync(join(tmpdir(), 'aegis-userdata-'));
const log: string[] = [];
const appListeners = new Map<string, (...args: unknown[]) => void>();
const windows: { options: { webPreferences: Record<string, unknown> }; url: string; contents: StandInContents }[] = [];
let protocolHandler: ((req: Request) => Promise<Response>) | null = null;
let quitCount = 0;

class FakeBrowserWindow extends EventEmitter {
  webContents: StandInContents & { on: () => void; setWindowOpenHandler: (h: unknown) => void };
  constructor(options: { webPreferences: Record<string, unknown> }) {
    super();
    const contents = Object.assign(world.createContents(APP_ENTRY_URL), {
      on: () => contents,
      setWindowOpenHandler: () => log.push('setWindowOpenHandler'),
    });
    this.webContents = contents;
    windows.push({ options, url: '', contents });
  }
  loadURL(url: string) {
    windows[windows.length - 1]!.url = url;
    return Promise.resolve();
  }
  static getAllWindows = () => windows;
}

const fakeElectron = {
  app: {
    enableSandbox: () => log.push('enableSandbox'),
    requestSingleInstanceLock: () => true,
    on: (name: string, cb: (...args: unknown[]) => void) => appListeners.set(name, cb),
    whenReady: () => Promise.resolve().then(() => log.push('ready')),
    getPath: (name: string) => (name === 'userData' ? home : tmpdir()),
    quit: () => void quitCount++,
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => log.push(`registerSchemes:${schemes.map((s) => s.scheme)}`),
    handle: (scheme: string, handler: (req: Request) => Promise<Response>) => {
      log.push(`handle:${scheme}`);
      protocolHandler = handler;
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => log.push('permissionRequestHandler'),
      setPermissionCheckHandler: () => log.push('permissionCheckHandler'),
      setDevicePermissionHandler: () => log.push('devicePermissionHandler'),
      on: (name: string) => log.push(`session.on:${name}`),
    },
  },
  ipcMain: world.ipcMain,
  dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: ['/picked/folder'] }) },
  utilityProcess: {
    fork: (path: string) => {
      log.push(`utilityProcess.fork:${path}`);
      return Object.assign(new EventEmitter(), { postMessage: () => {}, kill: () => true, stderr: null });
    },
  },
  BrowserWindow: FakeBrowserWindow,
};

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = loader._load;

describe.skipIf(!existsSync(BUNDLE))('dist/main/main.cjs with a stand-in electron', () => {
  beforeAll(async () => {
    loader._load = (request, ...rest) => (request === 'electron' ? fakeElectron : originalLoad(request, ...rest));
    createRequire(import.meta.url)(BUNDLE);
    await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    loader._load = originalLoad;
    // Quitting closes the back end (engine, database) before the app exits.
    appListeners.get('will-quit')?.({ preventDefault: () => log.push('quit deferred') });
    await new Promise((r) => setTimeout(r, 200));
  });

  it('sandboxes the app and registers app:// before ready, then locks the session', () => {
    expect(log.indexOf('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('registerSchemes:app')).toBeLessThan(log.indexOf('ready'));
    expect(log.indexOf('enableSandbox')).toBeLessThan(log.indexOf('ready'));
    expect(log).toEqual(expect.arrayContaining(['permissionRequestHandler', 'permissionCheckHandler', 'devicePermissionHandler', 'session.on:will-download', 'handle:app', 'setWindowOpenHandler']));
    expect(typeof appListeners.get('web-contents-created')).toBe('function');
  });

  it('opens one hardened window on app://aegis with the bundled preload', () => {
    expect(windows).toHaveLength(1);
    expect(windows[0]!.url).toBe('app://aegis/index.html');
    expect(windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(windows[0]!.options.webPreferences.preload)).toBe(resolve('dist/preload/preload.cjs'));
  });

  it('serves the built renderer on app:// with the CSP', async () => {
    const res = await (protocolHandler as NonNullable<typeof protocolHandler>)(new Request('app://aegis/'));
    expect(res.status).toBe(existsSync('dist/renderer/index.html') ? 200 : 404);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers every contract call on IPC for its window, with the workspace in userData', async () => {
    expect(world.ipcMain.handlerCount()).toBe(Object.keys(calls).length);
    const renderer = world.rendererFor(windows[0]!.contents);
    const info = await renderer.invoke(callChannel('app.info'), {});
    expect(info).toEqual({ ok: true, value: { version: expect.any(String), workspace: home, transport: 'ipc' } });
    expect(await renderer.invoke(callChannel('app.pickPaths'), { kind: 'folder' })).toEqual({ ok: true, value: { paths: ['/picked/folder'] } });
  });

  it('refuses a sub-frame and a stranger webContents', async () => {
    const contents = windows[0]!.contents;
    const iframe = world.rendererFor(contents, { url: APP_ENTRY_URL, parent: contents.mainFrame });
    await expect(iframe.invoke(callChannel('app.info'), {})).rejects.toThrow(/refused/);
    const stranger = world.createContents(APP_ENTRY_URL);
    await expect(world.rendererFor(stranger).invoke(callChannel('app.info'), {})).rejects.toThrow(/refused/);
  });

  it('closes the back end on quit, then quits', async () => {
    appListeners.get('will-quit')?.({ preventDefault: () => log.push('quit deferred') });
    await new Promise((r) => setTimeout(r, 200));
    expect(log).toContain('quit deferred');
    expect(quitCount).toBe(1);
  });
});

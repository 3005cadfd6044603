/**
 * The built preload (dist/preload/preload.cjs) run the way a sandboxed renderer runs it: in a fresh
 * context whose `require` knows only the modules Electron's sandbox offers. It must load, expose
 * exactly `window.aegis = { call, onEvent }` and nothing else, and carry a call to the main process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { registerContractHandlers } from '../../electron/main/ipcHandlers';
import { isTrustedSender } from '../../electron/main/senderValidation';
import type { AegisBridge } from '../../electron/shared/transport';
import { createFakeBackend } from '../contract/fakeBackend';
import { createIpcStandIn } from '../contract/ipcStandIn';

const BUNDLE = resolve('dist/preload/preload.cjs');
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);

describe.skipIf(!existsSync(BUNDLE))('dist/preload/preload.cjs in a sandbox-like context', () => {
  it('requires only sandbox modules and exposes exactly the typed bridge', async () => {
    const world = createIpcStandIn();
    const contents = world.createContents(APP_ENTRY_URL);
    registerContractHandlers(world.ipcMain, createFakeBackend().handlers, (e) => isTrustedSender(e, new Set([contents.id])));
    const exposed = new Map<string, unknown>();
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: world.rendererFor(contents),
    };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (!SANDBOX_MODULES.has(name)) throw new Error(`module not found: ${name}`);
      if (name !== 'electron') throw new Error(`unexpected sandbox module ${name}`);
      return electron;
    };
    const module = { exports: {} };
    const context = vm.createContext({ require: sandboxRequire, module, exports: module.exports, console, setTimeout, clearTimeout, queueMicrotask, TextEncoder, TextDecoder, URL });
    vm.runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['aegis']);
    const bridge = exposed.get('aegis') as AegisBridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    await expect(bridge.call('app.info', {})).resolves.toMatchObject({ ok: true, value: { version: '0.0.0-fake' } });
  });
});

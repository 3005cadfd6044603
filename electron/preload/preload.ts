/**
 * The preload of the Aegis window: exposes the typed contract as `window.aegis` and nothing else.
 * Runs sandboxed (it may require only `electron`), so scripts/build.mjs bundles it, zod and the
 * contract included, into one CommonJS file, dist/preload/preload.cjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../shared/transport';
import { createBridge } from './createBridge';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));

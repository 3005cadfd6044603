/**
 * The contract on Electron IPC, through the in-process stand-in: one handler per call, the sender
 * checked before the payload is looked at, and a preload bridge that reaches contract channels only.
 */
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { forwardEvents } from '../../electron/main/eventForwarding';
import { registerContractHandlers } from '../../electron/main/ipcHandlers';
import { isTrustedSender } from '../../electron/main/senderValidation';
import { createBridge } from '../../electron/preload/createBridge';
import type { Handlers } from '../../electron/services/backendTypes';
import { calls } from '../../electron/shared/contract';
import { callChannel } from '../../electron/shared/transport';
import { createFakeBackend } from '../contract/fakeBackend';
import { createIpcStandIn } from '../contract/ipcStandIn';

function setUp() {
  const world = createIpcStandIn();
  const ours = world.createContents(APP_ENTRY_URL);
  const trusted = new Set([ours.id]);
  const backend = createFakeBackend();
  let ran = 0;
  const handlers = Object.fromEntries(
    Object.entries(backend.handlers).map(([name, h]) => [name, async (input: never) => (ran++, (h as (i: never) => unknown)(input))]),
  ) as unknown as Handlers;
  const unregister = registerContractHandlers(world.ipcMain, handlers, (e) => isTrustedSender(e, trusted));
  return { world, ours, backend, unregister, ran: () => ran };
}

describe('registerContractHandlers', () => {
  it('registers exactly one handler per contract call and removes them all again', async () => {
    const { world, unregister } = setUp();
    expect(world.ipcMain.handlerCount()).toBe(Object.keys(calls).length);
    expect(() => world.ipcMain.handle(callChannel('app.info'), async () => null)).toThrow(/second handler/);
    unregister();
    expect(world.ipcMain.handlerCount()).toBe(0);
  });

  it('answers our main frame with the value in an envelope', async () => {
    const { world, ours } = setUp();
    const result = await world.rendererFor(ours).invoke(callChannel('app.info'), {});
    expect(result).toEqual({ ok: true, value: { version: '0.0.0-fake', workspace: '/fake/home', transport: 'http' } });
  });

  it('refuses a sub-frame before parsing its payload, and never runs the handler', async () => {
    const { world, ours, ran } = setUp();
    const iframe = { url: APP_ENTRY_URL, parent: ours.mainFrame };
    // An invalid payload: were it parsed first, the answer would be a bad-input envelope instead.
    const attempt = world.rendererFor(ours, iframe).invoke(callChannel('jobs.get'), { jobId: 42 });
    await expect(attempt).rejects.toThrow(/^Error invoking remote method 'aegis:call:jobs\.get': Error: jobs\.get: refused/);
    expect(ran()).toBe(0);
  });

  it('refuses another webContents and a page that navigated away from app://aegis', async () => {
    const { world, ours, ran } = setUp();
    const stranger = world.createContents(APP_ENTRY_URL);
    await expect(world.rendererFor(stranger).invoke(callChannel('app.info'), {})).rejects.toThrow(/refused/);
    ours.mainFrame.url = 'https://evil.example/';
    await expect(world.rendererFor(ours).invoke(callChannel('app.info'), {})).rejects.toThrow(/refused/);
    expect(ran()).toBe(0);
  });
});

describe('the preload bridge', () => {
  it('reaches only contract calls and events', async () => {
    const { world, ours } = setUp();
    const bridge = createBridge(world.rendererFor(ours));
    await expect(bridge.call('shell.openExternal' as never, {} as never)).rejects.toThrow('Unknown call "shell.openExternal".');
    expect(() => bridge.onEvent('secrets' as never, () => {})).toThrow('Unknown event "secrets".');
    // Payloads cross by structured clone, as in Electron: functions cannot be sent.
    await expect(bridge.call('jobs.get', { jobId: (() => 'x') as never })).rejects.toThrow(/could not be cloned/);
  });

  it('hands listeners the payload only, never the IPC event object', async () => {
    const { world, ours, backend } = setUp();
    forwardEvents(backend, ours);
    const bridge = createBridge(world.rendererFor(ours));
    const seen: unknown[][] = [];
    bridge.onEvent('job.finished', (...args: unknown[]) => seen.push(args));
    await bridge.call('jobs.cancel', { jobId: 'j9' });
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(1);
    expect(seen[0][0]).toMatchObject({ jobId: 'j9', state: 'cancelled' });
  });

  it('stops forwarding to a destroyed window', async () => {
    const { world, ours, backend } = setUp();
    forwardEvents(backend, ours);
    const bridge = createBridge(world.rendererFor(ours));
    await bridge.call('app.info', {});
    ours.destroy();
    // The handler emits events; sending them to a destroyed webContents would throw.
    await expect(backend.handlers['jobs.cancel']({ jobId: 'late' })).resolves.toEqual({ cancelled: true });
  });
});

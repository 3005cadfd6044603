/**
 * The two transports the contract suite runs against, each built from the production code end to
 * end: the loopback server for real on 127.0.0.1 with the renderer's HTTP client, and Electron IPC
 * through the in-process stand-in (main-process registration + event forwarding + preload bridge +
 * the renderer's IPC client).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket as NodeWebSocket } from 'ws';
import { APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { forwardEvents } from '../../electron/main/eventForwarding';
import { registerContractHandlers } from '../../electron/main/ipcHandlers';
import { isTrustedSender } from '../../electron/main/senderValidation';
import { createBridge } from '../../electron/preload/createBridge';
import { startLoopbackServer } from '../../electron/server/loopbackServer';
import type { Backend } from '../../electron/services/backendTypes';
import type { ApiClient } from '../../renderer/api/apiClient';
import { createHttpTransport } from '../../renderer/api/httpTransport';
import { createIpcTransport } from '../../renderer/api/ipcTransport';
import { createIpcStandIn } from './ipcStandIn';

/** A connected client and how to tear the transport down (the backend stays open). */
export interface Connection {
  client: ApiClient;
  close(): Promise<void>;
}

/** One transport of the suite. */
export interface Transport {
  name: 'http' | 'ipc';
  connect(backend: Backend): Promise<Connection>;
}

const http: Transport = {
  name: 'http',
  async connect(backend) {
    const server = await startLoopbackServer({ backend, rendererDir: mkdtempSync(join(tmpdir(), 'aegis-renderer-')) });
    const client = createHttpTransport({
      baseUrl: `http://127.0.0.1:${server.port}`,
      token: server.token,
      WebSocket: NodeWebSocket as unknown as typeof WebSocket,
    });
    return {
      client,
      close: async () => {
        client.close();
        await server.close();
      },
    };
  },
};

const ipc: Transport = {
  name: 'ipc',
  async connect(backend) {
    const world = createIpcStandIn();
    const contents = world.createContents(APP_ENTRY_URL);
    const trusted = new Set([contents.id]);
    const unregister = registerContractHandlers(world.ipcMain, backend.handlers, (e) => isTrustedSender(e, trusted));
    const stopEvents = forwardEvents(backend, contents);
    const client = createIpcTransport(createBridge(world.rendererFor(contents)));
    return {
      client,
      close: async () => {
        stopEvents();
        unregister();
      },
    };
  },
};

/** Both transports, for `describe.each`. */
export const TRANSPORTS: Transport[] = [http, ipc];

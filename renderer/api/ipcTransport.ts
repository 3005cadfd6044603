/** The desktop transport: the contract through `window.aegis`, the preload's bridge to Electron IPC. */
import type { AegisBridge } from '../../electron/shared/transport';
import { ApiCallError } from '../../electron/shared/transport';
import type { ApiClient } from './apiClient';

/** Wraps the preload bridge as an {@link ApiClient}; error envelopes become `ApiCallError`s. */
export function createIpcTransport(bridge: AegisBridge): ApiClient {
  return {
    transport: 'ipc',
    async call(name, input) {
      let result;
      try {
        result = await bridge.call(name, input);
      } catch (err) {
        // Only a refused sender or a dead main process gets here; handlers answer with envelopes.
        throw new ApiCallError(name, 'transport', `${name}: ${(err as Error).message}`);
      }
      if (!result.ok) throw new ApiCallError(name, result.error.code, result.error.message);
      return result.value;
    },
    onEvent: (name, listener) => bridge.onEvent(name, listener),
    close() {},
  };
}

/**
 * Puts the contract on Electron IPC: one `ipcMain.handle` per call. Each message is checked in this
 * order: the sender (refused with an error before anything else is looked at), then the payload
 * against the call's zod schema, then the handler runs. The renderer always gets an envelope
 * `{ ok, value | error }`, so error codes survive `invoke`.
 */
import type { Handlers } from '../services/backendTypes';
import { calls, type CallName } from '../shared/contract';
import { callChannel, parseCallInput, toApiError, type CallResult } from '../shared/transport';
import type { SenderInfo } from './senderValidation';

/** The parts of Electron's `ipcMain` used here (a stand-in in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderInfo, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Registers every contract call on `ipcMain`.
 * @param isTrusted the sender check (see `isTrustedSender`), run before the payload is parsed.
 * @returns the function that removes every handler again.
 */
export function registerContractHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrusted: (event: SenderInfo) => boolean,
): () => void {
  const names = Object.keys(calls) as CallName[];
  for (const name of names) {
    ipcMain.handle(callChannel(name), async (event, raw): Promise<CallResult> => {
      if (!isTrusted(event)) {
        throw new Error(`${name}: refused: the message did not come from the Aegis window.`);
      }
      const input = parseCallInput(name, raw);
      if (!input.ok) return input;
      try {
        const handler = handlers[name] as (i: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(input.value) };
      } catch (err) {
        return { ok: false, error: toApiError(name, err) };
      }
    });
  }
  return () => names.forEach((name) => ipcMain.removeHandler(callChannel(name)));
}

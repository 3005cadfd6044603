/**
 * Who may talk to the main process: only the main frame of one of our own windows, showing a page
 * of our own origin (app://aegis). Checked on every IPC message before its payload is even parsed,
 * so a stray iframe, a navigated page or another webContents gets nothing (Electron security
 * checklist, item 17).
 */
import { isAppUrl } from './appOrigin';

/** The parts of an `IpcMainInvokeEvent` the check reads. */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * True when the message comes from the main frame (`parent === null`) of a webContents whose id is
 * in `trustedContentsIds`, and that frame shows an app://aegis page. A destroyed frame is refused.
 */
export function isTrustedSender(event: SenderInfo, trustedContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (!trustedContentsIds.has(event.sender.id)) return false;
  return isAppUrl(frame.url);
}

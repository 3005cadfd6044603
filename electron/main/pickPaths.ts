/**
 * The 'app.pickPaths' call in the desktop app: Electron's native open dialog, for files (several) or
 * one folder. Resolves to absolute paths, empty when cancelled.
 */
import type { BaseWindow, Dialog } from 'electron';
import type { CallInput, CallOutput } from '../shared/contract';

/** Builds the handler; `parent` is the window the dialog belongs to (null when none is open). */
export function createPickPathsHandler(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parent: () => BaseWindow | null,
): (input: CallInput<'app.pickPaths'>) => Promise<CallOutput<'app.pickPaths'>> {
  return async ({ kind }) => {
    const options = {
      title: kind === 'folder' ? 'Open a DICOM folder' : 'Open DICOM files',
      properties: kind === 'folder' ? (['openDirectory'] as const) : (['openFile', 'multiSelections'] as const),
    };
    const win = parent();
    const result = win
      ? await dialog.showOpenDialog(win, { ...options, properties: [...options.properties] })
      : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
    return { paths: result.canceled ? [] : result.filePaths };
  };
}

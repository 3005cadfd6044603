/** 'app.*' calls. */
import packageJson from '../../../package.json';
import { ApiError } from '../apiError';
import type { Handlers } from '../backendTypes';
import type { ServiceContext } from '../serviceContext';

/** Handlers for 'app.info', and 'app.pickPaths' where no native dialog exists (Electron main overrides it). */
export function appHandlers(ctx: ServiceContext): Pick<Handlers, 'app.info' | 'app.pickPaths'> {
  return {
    'app.info': async () => ({ version: packageJson.version, workspace: ctx.workspace.home, transport: ctx.transport }),
    'app.pickPaths': async () => {
      throw new ApiError('failed', 'There is no file dialog in browser mode: type the path of a file or folder to open instead.');
    },
  };
}

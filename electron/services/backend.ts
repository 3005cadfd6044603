/**
 * The back end behind the contract: opens the workspace, starts the job machinery and returns one
 * handler per call, each validating its input against the contract first. Electron IPC (electron/main)
 * and the loopback server (electron/server) both mount what this returns. Never imports `electron`.
 */
import { calls, type CallName } from '../shared/contract';
import { ApiError } from './apiError';
import type { Backend, BackendEvent, BackendOptions, EventListener, Handlers } from './backendTypes';
import { EngineHost } from './engineHost';
import { forkEngine } from './forkEngine';
import { appHandlers } from './handlers/appHandlers';
import { jobsHandlers } from './handlers/jobsHandlers';
import { createLab } from './lab/labHandlers';
import { qaHandlers } from './qa/qaHandlers';
import { readerStudyHandlers } from './readerStudy/readerStudyHandlers';
import { studiesHandlers } from './handlers/studiesHandlers';
import { JobStore } from './jobStore';
import type { ServiceContext } from './serviceContext';
import { FrameStore } from './studies/frameStore';
import { StudiesService } from './studies/studiesService';
import { StudyIndex } from './studies/studyIndex';
import { openWorkspace } from './workspace/openWorkspace';

/** Wraps each handler so it parses its input with the contract schema; bad input → ApiError 'bad-input'. */
function validated(impl: Handlers): Handlers {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(calls) as CallName[]) {
    const run = impl[name] as (input: unknown) => Promise<unknown>;
    out[name] = async (input: unknown) => {
      const parsed = calls[name].input.safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const where = issue.path.length ? issue.path.join('.') : 'input';
        throw new ApiError('bad-input', `${name}: ${where}: ${issue.message}`);
      }
      return run(parsed.data);
    };
  }
  return out as Handlers;
}

/**
 * Opens the workspace at `options.home` and builds the back end.
 * @throws WorkspaceTooNewError when the workspace was written by a newer Aegis.
 */
export function createBackend(options: BackendOptions): Backend {
  const workspace = openWorkspace(options.home);
  const listeners = new Set<EventListener>();
  const emit = (event: BackendEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('aegis: an event listener threw:', err);
      }
    }
  };
  const jobs = new JobStore(workspace.db, emit);
  const index = new StudyIndex(workspace.db);
  const ctx: ServiceContext = {
    workspace,
    jobs,
    engine: new EngineHost({ spawn: options.spawnEngine ?? forkEngine(), jobs }),
    studies: new StudiesService(index, jobs),
    frames: new FrameStore(index, options.frameCacheMb ?? 512),
    transport: options.transport ?? 'http',
  };
  const lab = createLab(ctx);
  const readerStudies = readerStudyHandlers(ctx, lab.handlers);
  const handlers = validated({ ...appHandlers(ctx), ...studiesHandlers(ctx), ...jobsHandlers(ctx, readerStudies.cancel), ...lab.handlers, ...readerStudies.handlers, ...qaHandlers(ctx, lab.handlers) });
  let closing: Promise<void> | null = null;
  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        await Promise.all([ctx.studies.close(), ctx.engine.close(), lab.close()]);
        listeners.clear();
        workspace.close();
      })();
      return closing;
    },
  };
}

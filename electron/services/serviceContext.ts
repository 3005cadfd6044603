/** Everything the handler groups share, built once per back end by `createBackend`. */
import type { EngineHost } from './engineHost';
import type { JobStore } from './jobStore';
import type { FrameStore } from './studies/frameStore';
import type { StudiesService } from './studies/studiesService';
import type { Workspace } from './workspace/openWorkspace';

/** The back end's parts. Later features add theirs here and read the others. */
export interface ServiceContext {
  workspace: Workspace;
  jobs: JobStore;
  /** Long work: `engine.submit(kind, payload)` runs a job kind of electron/engine/jobs in the engine process. */
  engine: EngineHost;
  studies: StudiesService;
  frames: FrameStore;
  transport: 'ipc' | 'http';
}

/**
 * Entry of the engine process: the Node child (or Electron utilityProcess) where long and native
 * work runs, so a blocked thread or a native crash never takes the app down. Registers the product
 * job kinds and serves jobs to the host (electron/services/engineHost).
 */
import './onnx/telemetryOff';
import { JobRegistry } from './jobs/registry';
import { registerProductKinds } from './jobs/productKinds';
import { serveJobs } from './jobs/serveJobs';

serveJobs(registerProductKinds(new JobRegistry()));

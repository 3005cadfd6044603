/**
 * Registers the job kinds the product ships. Each kind lives in its own file and is added here with
 * one import and one line ('attack' and 'saliency' join 'predict' the same way).
 */
import { saliencyJob } from '../saliency/saliencyJob';
import { attackJob } from './attackJob';
import { demoStudyJob } from './demoStudyJob';
import { detectCalibrateJob } from './detectCalibrateJob';
import { detectJob } from './detectJob';
import { fakeJob } from './fakeJob';
import { marginJob } from './marginJob';
import { modelDescribeJob } from './modelDescribeJob';
import { modelPreviewJob } from './modelPreviewJob';
import { predictJob } from './predictJob';
import { qaSessionJob } from './qaSessionJob';
import type { JobRegistry } from './registry';

/** Adds every product job kind to `registry`. */
export function registerProductKinds(registry: JobRegistry): JobRegistry {
  registry.register('predict', predictJob);
  registry.register('saliency', saliencyJob);
  registry.register('attack', attackJob);
  registry.register('attack.margin', marginJob);
  registry.register('model.describe', modelDescribeJob);
  registry.register('model.preview', modelPreviewJob);
  registry.register('demo.generate', demoStudyJob);
  registry.register('detect', detectJob);
  registry.register('detect.calibrate', detectCalibrateJob);
  registry.register('fake', fakeJob);
  registry.register('qa.session', qaSessionJob);
  return registry;
}

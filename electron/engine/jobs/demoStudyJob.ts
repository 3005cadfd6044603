/**
 * Job kind 'demo.generate': writes the demo study (engine/phantoms: one PHANTOM patient, two
 * series of ten synthetic PA chest radiographs, deterministic) into a folder, off the back end's
 * event loop. The back end then indexes the folder (electron/services/lab/demoWorkspace).
 */
import { defineJob } from './defineJob';

/** The 'demo.generate' job kind; payload and result: `JOB_KINDS['demo.generate']` in electron/shared/jobKinds. */
export const demoStudyJob = defineJob('demo.generate', async ({ dir }, { progress }) => {
  progress(0, 'Writing the demo study');
  const { generateDemoStudy } = await import('../phantoms/generateDemoStudy');
  const images = generateDemoStudy(dir);
  return { files: images.map((i) => i.file) };
});

/**
 * Job kind 'demo.generate': writes the demo study (engine/phantoms: one PHANTOM patient, two
 * series of ten synthetic PA chest radiographs, deterministic) into a folder, off the back end's
 * event loop. The back end then indexes the folder (electron/services/lab/demoWorkspace).
 */
import { z } from 'zod';
import type { JobKind } from './registry';

const payload = z.object({
  /** Absolute path of the folder to write into (created if missing). */
  dir: z.string().min(1),
});

/** The files written, in order. */
export interface DemoStudyResult {
  files: string[];
}

/** The 'demo.generate' job kind. */
export const demoStudyJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run({ dir }, { progress }): Promise<DemoStudyResult> {
    progress(0, 'Writing the demo study');
    const { generateDemoStudy } = await import('../phantoms/generateDemoStudy');
    const images = generateDemoStudy(dir);
    return { files: images.map((i) => i.file) };
  },
};

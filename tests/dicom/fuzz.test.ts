// Fuzzing: a fixed, seeded number of mutated valid files (byte-level, real length fields, elements
// deleted, duplicated, swapped or inserted, 70 KB headers, sequences nested thousands deep), each read
// the viewer's way and the indexing way (readHeader). Every failure must be a DicomError in plain
// words (no library text in it); nothing may crash, hang (a case silent for 5 s) or use more than the
// worker's heap bound. `npm run fuzz` runs the same with many more mutations (AEGIS_FUZZ_COUNT).
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ensureFixtures } from '../fixtures/dicom/makeFixtures';

const COUNT = Number(process.env.AEGIS_FUZZ_COUNT ?? 1000);
const SEED = Number(process.env.AEGIS_FUZZ_SEED ?? 20241125);
const HANG_MS = 30_000; // a real hang never ends; a busy shared machine can stall one case for seconds
/** The worker's V8 heap limit: a case needing more stops it with ERR_WORKER_OUT_OF_MEMORY, a finding. */
const HEAP_MB = 384;

describe('fuzzing the reader', () => {
  it(`reads ${COUNT} mutated files (seed ${SEED}) with only DicomErrors, no hang, within ${HEAP_MB} MB of heap`, async () => {
    const fixtures = await ensureFixtures();
    const wanted = ['ct_s16.explicit_le', 'ct_s16.implicit_le', 'ct_s16.big_endian', 'ct_s16.deflated', 'us_rgb_p1.explicit_le', 'ot_palette.explicit_le',
      'mr_u12.rle', 'ct_s16.jpeg_sv1', 'us_rgb_p0.jpeg_baseline', 'mr_u12.jpeg_extended12', 'ot_rgb12.jpeg_extended12', 'ct_s16.jpegls', 'ct_s16.j2k', 'ct_s16.htj2k', 'xa_multiframe.rle_eot', 'xa_multiframe.jpegls_nobot_fragments'];
    const seeds = wanted.map((n) => fixtures.find((f) => f.name === n)!.path);
    const findings: string[] = [];
    let iterations = 0;
    let lastCase = '';
    let hung = '';
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./fuzzBoot.mjs', import.meta.url), {
        workerData: { seeds, count: COUNT, seed: SEED },
        resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
      });
      let lastTick = Date.now();
      const watchdog = setInterval(() => {
        if (Date.now() - lastTick > HANG_MS) {
          hung = lastCase;
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve());
        }
      }, 250);
      worker.on('message', (m: { type: string; desc?: string; error?: string; iterations?: number }) => {
        lastTick = Date.now();
        if (m.type === 'case') lastCase = m.desc!;
        else if (m.type === 'finding' && findings.length < 20) findings.push(`${m.desc}: ${m.error}`);
        else if (m.type === 'done') {
          iterations = m.iterations!;
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve());
        }
      });
      worker.on('error', (e) => {
        clearInterval(watchdog);
        reject(new Error(`fuzz worker failed on ${lastCase}: ${e.message}`));
      });
    });
    expect(hung, 'case that hung').toBe('');
    expect(findings).toEqual([]);
    expect(iterations).toBe(COUNT);
  }, 600_000);
});

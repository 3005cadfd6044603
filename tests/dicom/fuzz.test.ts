// Fuzzing: thousands of mutated valid files, time-bounded. Every failure must be a DicomError with a
// message; nothing may crash, and no case may take longer than the watchdog allows (a hang).
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ensureFixtures } from '../fixtures/dicom/makeFixtures';

const RUN_MS = 12_000;
const HANG_MS = 5_000;

describe('fuzzing the reader', () => {
  it('survives thousands of mutated files with only DicomErrors and no hang', async () => {
    const fixtures = await ensureFixtures();
    const wanted = ['ct_s16.explicit_le', 'ct_s16.implicit_le', 'ct_s16.big_endian', 'ct_s16.deflated', 'us_rgb_p1.explicit_le', 'ot_palette.explicit_le',
      'mr_u12.rle', 'ct_s16.jpeg_sv1', 'us_rgb_p0.jpeg_baseline', 'mr_u12.jpeg_extended12', 'ot_rgb12.jpeg_extended12', 'ct_s16.jpegls', 'ct_s16.j2k', 'ct_s16.htj2k', 'xa_multiframe.rle_eot', 'xa_multiframe.jpegls_nobot_fragments'];
    const seeds = wanted.map((n) => fixtures.find((f) => f.name === n)!.path);
    const findings: string[] = [];
    let iterations = 0;
    let lastCase = '';
    let hung = '';
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./fuzzBoot.mjs', import.meta.url), { workerData: { seeds, millis: RUN_MS, seed: 20241125 } });
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
        reject(new Error(`fuzz worker crashed on ${lastCase}: ${e.message}`));
      });
    });
    console.log(`fuzz: ${iterations} mutated files read in ${RUN_MS / 1000} s`);
    expect(hung, 'case that hung').toBe('');
    expect(findings).toEqual([]);
    expect(iterations).toBeGreaterThan(1000);
  }, 60_000);
});

/**
 * QA session throughput: images per second of a clean + PGD-10 (L∞ 0.02) sweep of the demo classifier
 * over fresh phantoms, embedded (one process) and spread over two `aegis worker` processes through
 * BullMQ on a local redis-server. Printed as images/s and the ratio measured in the same run; on a
 * shared 2-core machine the ratio is what counts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, startWorker, stopChild } from '../cli/redisServer';

const IMAGES = 12;
const FIRST = 7_000_001;

function aegis(home: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/aegis.js', ...args], { encoding: 'utf8', env: { ...process.env, AEGIS_HOME: home } });
  if (r.status !== 0) throw new Error(`aegis ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

/** Seconds `aegis qa` takes for the sweep in a fresh workspace (models compiled inside the timing). */
function timedSession(root: string, name: string, extra: string[]): number {
  const started = performance.now();
  const out = JSON.parse(aegis(join(root, name), 'qa', '--model', 'native-models/demo-nodule-classifier/model.onnx', '--data', join(root, 'images'), '--labels', join(root, 'labels.csv'), '--attacks', 'pgd', '--eps', '0.02', '--steps', '10', '--json', ...extra)) as { computed: number };
  if (out.computed !== 2 * IMAGES) throw new Error(`${name}: computed ${out.computed} items, expected ${2 * IMAGES}`);
  return (performance.now() - started) / 1000;
}

/** Prints the QA rows. */
export async function bench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'aegis-bench-qa-'));
  try {
    aegis(root, 'phantoms', '--out', join(root, 'images'), '--first', String(FIRST), '--count', String(IMAGES));
    writeFileSync(join(root, 'labels.csv'), ['file,label', ...Array.from({ length: IMAGES }, (_, i) => `PHANTOM_${FIRST + i}.dcm,${(FIRST + i) % 2}`)].join('\n') + '\n');
    const embedded = timedSession(root, 'embedded', []);
    const redis = await startRedis(root);
    const workers = [startWorker(redis.url, join(root, 'w')), startWorker(redis.url, join(root, 'w'))];
    let queued: number;
    try {
      queued = timedSession(root, 'queued', ['--queue', redis.url]);
    } finally {
      for (const w of workers) await stopChild(w);
      await stopChild(redis.child);
    }
    const rate = (s: number) => (IMAGES / s).toFixed(2);
    console.log(`QA clean + PGD-10 sweep, demo classifier, ${IMAGES} phantoms: embedded ${rate(embedded)} images/s (${embedded.toFixed(1)} s)`);
    console.log(`QA clean + PGD-10 sweep, 2 BullMQ workers on local Redis: ${rate(queued)} images/s (${queued.toFixed(1)} s); ratio ${(embedded / queued).toFixed(2)}× the embedded rate`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

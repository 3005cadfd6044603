import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, startWorker, stopChild } from './redisServer';

const CLASSIFIER = 'native-models/demo-nodule-classifier/model.onnx';
const ROBUST = 'native-models/demo-nodule-classifier-robust/model.onnx';
const children: ChildProcess[] = [];

function aegis(home: string, ...args: string[]) {
  const r = spawnSync('node', ['bin/aegis.js', ...args], { encoding: 'utf8', env: { ...process.env, AEGIS_HOME: home } });
  if (r.status !== 0) throw new Error(`aegis ${args[0]} exited ${r.status}: ${r.stderr}`);
  return r;
}

afterAll(async () => {
  for (const c of children.reverse()) await stopChild(c);
});

describe('aegis qa --queue (BullMQ on a real redis-server)', () => {
  it('two workers give the same results file as the embedded run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aegis-qa-queue-'));
    const data = join(root, 'images');
    aegis(root, 'phantoms', '--out', data, '--first', '5200001', '--count', '4');
    writeFileSync(join(root, 'labels.csv'), ['file,label', ...[1, 2, 3, 4].map((i) => `PHANTOM_${5200000 + i}.dcm,${i % 2}`)].join('\n') + '\n');
    const session = ['--model', CLASSIFIER, '--model', ROBUST, '--data', data, '--labels', join(root, 'labels.csv'), '--attacks', 'fgsm,pgd', '--eps', '0.02', '--steps', '3', '--detectors', 'noise-residual'];

    const embedded = JSON.parse(aegis(join(root, 'embedded'), 'qa', ...session, '--out', join(root, 'embedded-out'), '--json').stdout) as { computed: number };
    expect(embedded.computed).toBe(4 * 2 * 3);

    const redis = await startRedis(root);
    children.push(redis.child);
    const url = redis.url;
    const logs = [{ text: '' }, { text: '' }];
    for (const log of logs) children.push(startWorker(url, join(root, 'worker'), log));
    const queued = JSON.parse(aegis(join(root, 'queued'), 'qa', ...session, '--out', join(root, 'queued-out'), '--queue', url, '--json').stdout) as { computed: number; reused: number };
    expect([queued.computed, queued.reused]).toEqual([24, 0]);
    expect(readFileSync(join(root, 'queued-out', 'results.json'), 'utf8')).toBe(readFileSync(join(root, 'embedded-out', 'results.json'), 'utf8'));
    expect(readFileSync(join(root, 'queued-out', 'results.csv'), 'utf8')).toBe(readFileSync(join(root, 'embedded-out', 'results.csv'), 'utf8'));
    // Every image went through a worker exactly once (deterministic job ids), whichever worker took it.
    // (spawnSync held this event loop; let the workers' piped stderr arrive.)
    const doneLines = () => logs.flatMap((l) => l.text.split('\n').filter((line) => line.startsWith('done ')));
    for (let i = 0; i < 100 && doneLines().length < 4; i++) await new Promise((r) => setTimeout(r, 100));
    const done = doneLines();
    expect(done.sort()).toEqual([1, 2, 3, 4].map((i) => `done PHANTOM_${5200000 + i}.dcm`));

    // A rerun through the queue finds everything in its own workspace and enqueues nothing.
    const again = JSON.parse(aegis(join(root, 'queued'), 'qa', ...session, '--queue', url, '--json').stdout) as { computed: number; reused: number };
    expect([again.computed, again.reused]).toEqual([0, 24]);
  }, 1_800_000);
});

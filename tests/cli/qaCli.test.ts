import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const CLASSIFIER = 'native-models/demo-nodule-classifier/model.onnx';
const ROBUST = 'native-models/demo-nodule-classifier-robust/model.onnx';

function aegis(home: string, ...args: string[]) {
  const r = spawnSync('node', ['bin/aegis.js', ...args], { encoding: 'utf8', env: { ...process.env, AEGIS_HOME: home } });
  if (r.status !== 0) throw new Error(`aegis ${args[0]} exited ${r.status}: ${r.stderr}`);
  return r;
}

/** Fresh phantoms (seeds never used to train or evaluate the demo models) and their labels CSV by class name. */
function phantoms(first: number, count: number): { home: string; data: string; labels: string } {
  const home = mkdtempSync(join(tmpdir(), 'aegis-qa-cli-'));
  const data = join(home, 'images');
  aegis(home, 'phantoms', '--out', data, '--first', String(first), '--count', String(count));
  const rows = Array.from({ length: count }, (_, i) => `PHANTOM_${first + i}.dcm,${(first + i) % 2 ? 'nodule present' : 'nodule absent'}`);
  const labels = join(home, 'labels.csv');
  writeFileSync(labels, ['file,label', ...rows].join('\n') + '\n');
  return { home, data, labels };
}

interface Interval { estimate: number; low: number; high: number; n: number }

describe('aegis qa (demo classifier, fresh phantoms)', () => {
  it('gives a clean AUC and PGD-0.02 figures whose 95 % intervals hold the model card’s, and a self-contained report', () => {
    const { home, data, labels } = phantoms(5_000_001, 40);
    const report = join(home, 'report.html');
    const out = join(home, 'results');
    const r = aegis(home, 'qa', '--model', CLASSIFIER, '--data', data, '--labels', labels, '--attacks', 'pgd', '--eps', '0.02', '--report', report, '--out', out, '--json');
    const json = JSON.parse(r.stdout) as { cleanAuc: Interval; table: { attack: string; eps: number; steps: number; accuracy: Interval; auc: Interval }[]; reusedImages: number; computed: number };
    const card = JSON.parse(readFileSync('native-models/demo-nodule-classifier/metadata.json', 'utf8')).evaluation;
    // The card's tolerance is its own sampling error: its figure must lie in our interval from 40 images.
    expect(json.cleanAuc.n).toBe(40);
    expect(json.cleanAuc.low).toBeLessThanOrEqual(card.clean.auc);
    expect(json.cleanAuc.high).toBeGreaterThanOrEqual(card.clean.auc);
    expect(json.cleanAuc.estimate).toBeGreaterThan(0.95);
    const pgd = json.table.find((t) => t.attack === 'pgd' && t.eps === 0.02)!;
    const cardPgd = card.pgd.find((p: { eps: number }) => p.eps === 0.02);
    expect(pgd.steps).toBe(cardPgd.steps);
    expect(pgd.accuracy.low).toBeLessThanOrEqual(cardPgd.accuracy);
    expect(pgd.accuracy.high).toBeGreaterThanOrEqual(cardPgd.accuracy);
    expect(pgd.auc.low).toBeLessThanOrEqual(cardPgd.auc);
    expect(pgd.auc.high).toBeGreaterThanOrEqual(cardPgd.auc);
    expect(json.reusedImages).toBe(0);
    expect(json.computed).toBe(80);

    const html = readFileSync(report, 'utf8');
    for (const id of ['accuracy-vs-budget', 'ssim-vs-budget', 'roc', 'margins']) expect(html).toContain(`data-chart="${id}"`);
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(6); // two examples: original | attacked | perturbation
    expect(html).not.toMatch(/<script|src="(?!data:)|href="http|url\(http/);
    expect(html).toContain('558592af'); // the model's hash
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 80);
  }, 1_800_000);

  it('resumes after kill -9: the rerun reuses every stored item, computes only the rest, and reports reusedImages > 0', async () => {
    const { home, data, labels } = phantoms(5_100_001, 6);
    const args = ['bin/aegis.js', 'qa', '--model', CLASSIFIER, '--model', ROBUST, '--data', data, '--labels', labels, '--attacks', 'fgsm,pgd', '--eps', '0.02'];
    const child = spawn('node', args, { env: { ...process.env, AEGIS_HOME: home }, stdio: 'ignore' });
    const dbPath = join(home, 'aegis.db');
    const stored = () => {
      try {
        const db = new Database(dbPath, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM qa_results').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    while (stored() < 8) await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = stored();
    const total = 6 * 2 * 3;
    expect(before).toBeLessThan(total);

    const report = join(home, 'report.html');
    const r = aegis(home, ...args.slice(1), '--report', report, '--json');
    const json = JSON.parse(r.stdout) as { reusedImages: number; reused: number; computed: number; transfer: unknown[] };
    expect(json.reusedImages).toBeGreaterThan(0);
    expect(json.reused).toBe(before);
    expect(json.computed).toBe(total - before);
    expect(stored()).toBe(total);
    expect(json.transfer).toHaveLength(2 * 2 * 2); // fgsm and pgd, 2 surrogates × 2 targets
    expect(readFileSync(report, 'utf8')).toContain('data-chart="transfer"');

    const again = JSON.parse(aegis(home, ...args.slice(1), '--json').stdout) as { reused: number; computed: number };
    expect([again.reused, again.computed]).toEqual([total, 0]);
  }, 1_800_000);
});

// The 'qa.*' contract calls on the real back end (engine process, bundled demo classifier): bad input
// is refused in plain words; a session on 4 demo images runs as a 'qa.session' job whose result is
// the strict summary, writes its report, and 'qa.charts' gives the report's charts as SVG, in order.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoStudy } from '../../../electron/engine/phantoms/generateDemoStudy';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import { qaSummarySchema } from '../../../electron/shared/qaSummary';
import { call, finished } from '../lab/labFixtures';

const home = mkdtempSync(join(tmpdir(), 'aegis-qa-calls-'));
let backend: Backend | null = null;
afterAll(async () => backend?.close());
const CLASSIFIER = 'bundled:demo-nodule-classifier';
const base = { modelIds: [CLASSIFIER], data: { kind: 'demo' as const, images: 4 }, attacks: ['pgd' as const], eps: [0.02], steps: 2, defences: [], detectors: [] };

describe('qa.* calls', () => {
  it('refuses bad sessions in plain words, runs one on the demo study as a job, and renders its report’s charts', async () => {
    backend = createBackend({ home });
    await expect(call(backend, 'qa.start', base)).rejects.toThrow(/demo study is not in .* yet; open it first/);
    generateDemoStudy(join(home, 'demo'));
    await expect(call(backend, 'qa.start', { ...base, eps: [0] })).rejects.toThrow(/qa.start: eps.0/);
    await expect(call(backend, 'qa.start', { ...base, attacks: ['cw' as never] })).rejects.toThrow(/needs an attack that eps bounds/);
    await expect(call(backend, 'qa.start', { ...base, modelIds: ['bundled:nope'] })).rejects.toThrow(/no model with id bundled:nope/);

    const { jobId, report, outDir } = await call(backend, 'qa.start', base);
    await expect(call(backend, 'qa.charts', { jobId })).rejects.toThrow(/has not finished/);
    const job = await finished(backend, jobId, 300_000);
    expect(job.state, job.error ?? '').toBe('done');
    const summary = qaSummarySchema.parse(job.result);
    expect(summary.images).toBe(4);
    expect(summary.computed).toBe(8);
    expect(summary.rows.map((r) => [r.attack, r.eps, r.steps, r.accuracy?.n])).toEqual([['pgd', 0.02, 2, 4]]);
    expect(readFileSync(join(outDir, 'demo-labels.csv'), 'utf8').trim().split('\n')).toHaveLength(5);
    expect(existsSync(join(outDir, 'results.csv'))).toBe(true);

    const { charts } = await call(backend, 'qa.charts', { jobId });
    const reportIds = [...readFileSync(report, 'utf8').matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(charts.map((c) => c.id)).toEqual(reportIds);
    expect(reportIds).toEqual(expect.arrayContaining(['accuracy-vs-budget', 'ssim-vs-budget', 'roc', 'margins']));
    for (const c of charts) {
      expect(c.svg.startsWith('<svg')).toBe(true);
      expect(c.svg).toMatch(/<path [^>]*d="M/);
      expect(c.svg).not.toMatch(/<script|href="http/);
    }
    await expect(call(backend, 'qa.charts', { jobId: 'nope' })).rejects.toThrow(/no QA session job with id nope/);
  }, 400_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qaSessionJob } from '../../../electron/engine/jobs/qaSessionJob';
import { encodePng } from '../../../electron/engine/io/png';
import { sqliteQaStore } from '../../../electron/engine/qa/qaStore';
import { PauseGate, runQaSession } from '../../../electron/engine/qa/runQaSession';
import { encodeModel } from '../../../electron/engine/onnx';
import { openWorkspace } from '../../../electron/services/workspace/openWorkspace';
import type { QaSummary } from '../../../electron/shared/qaSummary';
import { qaConfigSchema } from '../../../electron/shared/qaTypes';
import { writeCtSlice } from '../attacks/makeDicom';
import { tinyClassifier, tinySegmenter } from '../attacks/tinyModels';

const METADATA = (classes: string[], kind: string) =>
  JSON.stringify({ name: kind === 'segmentation' ? 'tiny-seg' : 'tiny', network_data_format: { inputs: { image: { intensity: { kind: 'window', center: 40, width: 400 } } }, outputs: { out: { kind, classes } } } });

/** A folder with `n` 16×16 CT slices, a tiny model and a labels CSV (classes cycle 0, 1, 2). */
function dataset(n: number, segmentation = false) {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-qa-session-'));
  const model = join(dir, 'model.onnx');
  writeFileSync(model, encodeModel(segmentation ? tinySegmenter(8) : tinyClassifier(8, 3)));
  writeFileSync(join(dir, 'metadata.json'), METADATA(segmentation ? [] : ['normal', 'nodule', 'mass'], segmentation ? 'segmentation' : 'logits'));
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    writeCtSlice(join(dir, `img${i}.dcm`), 16, 16, (r, c) => 1024 + Math.round(150 * Math.sin(r * 0.4 * (1 + i) + c * 0.3) + 20 * i));
    if (segmentation) {
      writeFileSync(join(dir, `img${i}_mask.png`), encodePng({ width: 16, height: 16, channels: 1, bitDepth: 8, data: Uint8Array.from({ length: 256 }, (_, p) => ((p % 16) + i > 8 ? 255 : 0)) }));
      rows.push(`img${i}.dcm,img${i}_mask.png`);
    } else rows.push(`img${i}.dcm,${i % 3}`);
  }
  writeFileSync(join(dir, 'labels.csv'), [segmentation ? 'file,mask' : 'file,label', ...rows].join('\n'));
  return { dir, model, labels: join(dir, 'labels.csv') };
}

describe('QA session engine', () => {
  it('runs as a job with progress and ETA; a cancelled session keeps its items and the rerun computes only the rest', async () => {
    const d = dataset(6);
    const ws = openWorkspace(join(d.dir, 'ws'));
    const config = qaConfigSchema.parse({ models: [d.model], dataDir: d.dir, labels: d.labels, attacks: ['fgsm', 'pgd'], eps: [0.01, 0.05], steps: 3, defences: ['median', 'bitdepth', 'jpeg', 'tv'], detectors: ['squeeze', 'noise-residual'] });
    const payload = { config, database: join(ws.home, 'aegis.db'), report: join(d.dir, 'r.html'), outDir: join(d.dir, 'out'), appVersion: 'test' };
    const controller = new AbortController();
    const messages: string[] = [];
    const first = qaSessionJob.run(qaSessionJob.payload.parse(payload), {
      signal: controller.signal,
      progress: (_f, m) => {
        messages.push(m ?? '');
        if (messages.length === 8) controller.abort(new Error('cancelled'));
      },
    });
    await expect(first).rejects.toThrow();
    const stored = (ws.db.prepare('SELECT COUNT(*) AS n FROM qa_results').get() as { n: number }).n;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(30);
    expect(messages.some((m) => /of 30 items · about \d+ s left/.test(m))).toBe(true);

    const summary = (await qaSessionJob.run(qaSessionJob.payload.parse(payload), { signal: new AbortController().signal, progress: () => {} })) as QaSummary;
    expect(summary.reused).toBe(stored);
    expect(summary.computed).toBe(30 - stored);
    expect(summary.reusedImages).toBeGreaterThan(0);
    expect(summary.clean[summary.models[0]!.hash]!.accuracy!.n).toBe(6);
    const row = summary.rows.find((r) => r.attack === 'pgd' && r.eps === 0.05)!;
    expect(Object.keys(row.detectorAuc).sort()).toEqual(['noise-residual', 'squeeze']);
    expect(row.defences.map((x) => x.defence)).toContain('tv (attacked)');
    expect(row.ssim!.estimate).toBeLessThan(1);
    ws.close();
  });

  it('holds between items while paused and carries on when resumed', async () => {
    const d = dataset(2);
    const ws = openWorkspace(join(d.dir, 'ws'));
    const config = qaConfigSchema.parse({ models: [d.model], dataDir: d.dir, labels: d.labels, attacks: ['fgsm'], eps: [0.02] });
    const gate = new PauseGate();
    gate.pause();
    let done = 0;
    const run = runQaSession(config, sqliteQaStore(ws.db), { pause: gate, onProgress: (p) => (done = p.done) });
    await new Promise((r) => setTimeout(r, 1500));
    expect(gate.paused).toBe(true);
    expect(done).toBe(0);
    gate.resume();
    const outcome = await run;
    expect([outcome.computed, done]).toEqual([4, 4]);
    ws.close();
  });

  it('scores a segmentation model by Dice and IoU against the masks, clean and per budget', async () => {
    const d = dataset(3, true);
    const ws = openWorkspace(join(d.dir, 'ws'));
    const config = qaConfigSchema.parse({ models: [d.model], dataDir: d.dir, labels: d.labels, attacks: ['pgd'], eps: [0.1], steps: 3, defences: ['median'] });
    const outcome = await runQaSession(config, sqliteQaStore(ws.db));
    const clean = outcome.results.filter((r) => r.attack === 'clean');
    const attacked = outcome.results.filter((r) => r.attack === 'pgd');
    for (const r of outcome.results) {
      expect(r.dice).toBeGreaterThanOrEqual(0);
      expect(r.dice).toBeLessThanOrEqual(1);
      expect(r.iou! <= r.dice!).toBe(true);
      expect(r.defences.median).toHaveLength(1);
    }
    // The attack moves the label map (its success is judged on the whole map), so the overlap changes.
    expect(attacked.some((r, i) => r.dice !== clean[i]!.dice)).toBe(true);
    const { qaMeasures } = await import('../../../electron/engine/qa/qaMeasures');
    const m = qaMeasures({ models: outcome.models, config, results: outcome.results });
    expect(m.clean[outcome.models[0]!.hash]!.dice).toMatchObject({ n: 3, method: 'bootstrap' });
    expect(m.clean[outcome.models[0]!.hash]!.accuracy).toBeNull();
    expect(m.rows[0]!.dice!.n).toBe(3);
    expect(m.worstCase[0]!.dice!.n).toBe(3);
    ws.close();
  });
});

/**
 * `aegis qa`: a QA session over a labelled folder — models × attacks × budgets, optional defences and
 * detectors — stored item by item in the workspace (AEGIS_HOME), so an interrupted run resumes; then
 * the HTML report, per-image CSV/JSON and a JSON summary.
 */
import { resolve } from 'node:path';
import packageJson from '../../../package.json';
import { ATTACK_IDS, DEFAULT_ATTACK_ID } from '../../shared/attackCatalogue';
import { QA_DEFENCE_IDS, QA_DETECTOR_IDS, qaConfigSchema, type QaConfig } from '../../shared/qaTypes';
import { sqliteQaStore } from '../../engine/qa/qaStore';
import { runQaSession } from '../../engine/qa/runQaSession';
import { writeQaOutputs } from '../../engine/qa/writeQaOutputs';
import { defaultHome, openWorkspace } from '../../services/workspace/openWorkspace';
import { UsageError, type Command } from '../command';
import { intOption, parseCommandArgs } from '../args';

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

function configFrom(v: Record<string, string | boolean | string[] | undefined>): QaConfig {
  const models = (v.model as string[] | undefined) ?? [];
  if (models.length === 0) throw new UsageError('--model MODEL.onnx is required (repeat it to compare models)');
  if (!v.data) throw new UsageError('--data DIR is required (the folder of images)');
  if (!v.labels) throw new UsageError('--labels labels.csv is required (a CSV with a header "file,label")');
  const eps = list((v.eps as string | undefined) ?? '0.005,0.01,0.02').map((s) => {
    const e = Number(s);
    if (!(e > 0 && e <= 1)) throw new UsageError(`--eps values must be numbers in (0, 1], not "${s}"`);
    return e;
  });
  const parsed = qaConfigSchema.safeParse({
    models: models.map((m) => resolve(m)),
    dataDir: resolve(v.data as string),
    labels: resolve(v.labels as string),
    attacks: list((v.attacks as string | undefined) ?? DEFAULT_ATTACK_ID),
    eps,
    steps: intOption(v.steps as string | undefined, '--steps', 1),
    seed: intOption(v.seed as string | undefined, '--seed', 0) ?? 7,
    defences: list(v.defences as string | undefined),
    detectors: list(v.detectors as string | undefined),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0] ?? 'options')}: ${issue.message}`);
  }
  return parsed.data;
}

export const qa: Command = {
  usage: [
    'Usage: aegis qa --model M [--model M2 …] --data DIR --labels labels.csv [--attacks pgd,fgsm] [--eps 0.005,0.01,0.02]',
    '                [--steps N] [--seed S] [--defences median,bitdepth,jpeg,tv] [--detectors squeeze,noise-residual]',
    '                [--report OUT.html] [--out RESULTS_DIR] [--queue redis://HOST:PORT] [--json]',
    '',
    'labels.csv has a header "file,label" (label: a class name or index; segmentation: "file,mask", a PNG mask',
    `per image). Attacks (L∞, budgets eps bounds): ${ATTACK_IDS.join(', ')} except minimum-norm ones; budgets are`,
    "fractions of the model's intensity window. Defences: " + QA_DEFENCE_IDS.join(', ') + '. Detectors: ' + QA_DETECTOR_IDS.join(', ') + '.',
    'Each (model, image, attack, budget, seed) result is stored in the workspace (AEGIS_HOME) as it finishes: run',
    'the same command again after an interruption and finished items are reused ("reusedImages" in --json).',
    'Ctrl-C stops after the current item. Every figure is reported with its 95 % interval and n.',
    '--queue spreads the images over BullMQ workers on that Redis ("aegis worker --queue …", one process per',
    'item in flight); results come back into this workspace, and the report is the same as an embedded run.',
  ].join('\n'),
  async run(argv) {
    const { values: v } = parseCommandArgs('qa', argv, {
      model: { type: 'string', multiple: true },
      data: { type: 'string' },
      labels: { type: 'string' },
      attacks: { type: 'string' },
      eps: { type: 'string' },
      steps: { type: 'string' },
      seed: { type: 'string' },
      defences: { type: 'string' },
      detectors: { type: 'string' },
      report: { type: 'string' },
      out: { type: 'string' },
      queue: { type: 'string' },
      json: { type: 'boolean' },
    }, false);
    const config = configFrom(v);
    const queue = v.queue ? (await import('../../engine/qa/queue/qaQueue')).queueEvaluator(v.queue, config) : null;
    const ws = openWorkspace(defaultHome());
    const controller = new AbortController();
    const stop = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', stop);
    let lastLine = 0;
    try {
      const outcome = await runQaSession(config, sqliteQaStore(ws.db), {
        signal: controller.signal,
        ...(queue ? { evaluate: queue.evaluate, concurrency: Number.MAX_SAFE_INTEGER } : {}),
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastLine < 1000 && p.done < p.total) return;
          lastLine = now;
          const eta = p.etaSeconds === null ? '' : `, about ${Math.ceil(p.etaSeconds)} s left`;
          console.error(`[${p.done}/${p.total}${eta}] ${p.message}`);
        },
      });
      const summary = await writeQaOutputs(outcome, config, { report: v.report, outDir: v.out, appVersion: packageJson.version });
      const first = summary.models[0]!;
      if (v.json) {
        console.log(JSON.stringify({
          sessionId: summary.sessionId,
          cleanAuc: summary.clean[first.hash]?.auc ?? null,
          cleanAccuracy: summary.clean[first.hash]?.accuracy ?? null,
          clean: summary.clean,
          table: summary.rows,
          worstCase: summary.worstCase,
          transfer: summary.transfer,
          computed: summary.computed,
          reused: summary.reused,
          reusedImages: summary.reusedImages,
          images: summary.images,
          report: v.report ? resolve(v.report) : null,
          out: v.out ? resolve(v.out) : null,
        }, null, 2));
        return 0;
      }
      console.log(`QA session ${summary.sessionId}: ${summary.images} images, ${summary.computed} items computed, ${summary.reused} reused`);
      for (const r of summary.rows) console.log(`  ${r.model} ${r.attack} ε ${r.eps}: accuracy ${r.accuracy ? r.accuracy.estimate.toFixed(3) : '—'}`);
      if (v.report) console.log(`Report: ${resolve(v.report)}`);
      return 0;
    } catch (err) {
      if (controller.signal.aborted) {
        console.error('aegis qa: stopped; finished items are saved — run the same command again to resume.');
        return 130;
      }
      throw err;
    } finally {
      process.off('SIGINT', stop);
      await queue?.close();
      ws.close();
    }
  },
};

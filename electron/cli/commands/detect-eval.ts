/**
 * `aegis detect-eval --model MODEL --clean DIR --attack pgd --eps 0.02`: detection ROC AUC and TPR
 * at a stated FPR per detector against freshly generated attacks, pixel AUROC of the suspicion
 * maps on localised attacks, and (with --adaptive) the same against detector-aware attacks.
 */
import { detectorGradient } from '../../engine/detect/adaptiveObjective';
import { calibrateDetectors } from '../../engine/detect/calibrateDetectors';
import { saveCalibration } from '../../engine/detect/calibrationStore';
import { runDetectionEval, type AttackConfig, type EvalCase } from '../../engine/detect/detectionEval';
import { recommendDetector, type DetectorRow } from '../../engine/detect/detectionMetrics';
import { listImageFiles, openDetectionCase, openDetectionSession } from '../../engine/detect/detectionSession';
import { seededShuffle } from '../../engine/stats/seededShuffle';
import { attackDefaults, attackEntry, DEFAULT_ATTACK_ID } from '../../shared/attackCatalogue';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';
import { ATTACK_IDS_TEXT, defaultStepsText, minimumNormText, parseAttackId } from '../attackChoices';
const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : String(v));
/** A figure with its 95 % interval, e.g. "0.912 (0.801–0.970)". */
const withCi = (v: number, ci: [number, number] | undefined): string => (ci ? `${fmt(v)} (${fmt(ci[0])}–${fmt(ci[1])})` : fmt(v));

function list(flag: string, raw: string | undefined, fallback: string): string[] {
  const items = (raw ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${flag} needs at least one value`);
  return items;
}

export const detectEval: Command = {
  usage: [
    `Usage: aegis detect-eval --model MODEL.onnx --clean DIR [--attack ${DEFAULT_ATTACK_ID}[,…]]`,
    '                         [--eps 0.02[,0.01,...]] [--norm linf|l2] [--steps N] [--fpr 0.05] [--seed S]',
    '                         [--max-images N] [--adaptive] [--adaptive-weight W] [--save-calibration DIR] [--json]',
    '',
    'The clean images under DIR are split at random (seeded): half calibrate the detectors, the rest',
    'are held out, scored clean, attacked with every method × budget (quantised to stored',
    'values, as exported), and scored again. Per detector: ROC AUC and TPR at the FPR with the threshold',
    'set on the held-out clean images. Positives are the successful attacks (all, if fewer than 2 succeed).',
    'Every figure comes with its 95 % interval and n. "AUC vs noisy" ranks the attacked images against noisy copies of the held-out images (uniform ±eps,',
    'quantised): a detector near 0.5 there flags any noise, not adversarial structure, and is never recommended.',
    'The LR combiner is fitted by 2-fold cross-fitting on clean, noisy (±eps) and adversarial images.',
    'The first setting is also run confined to a square patch: the suspicion maps are scored at pixel',
    'level (AUROC, peak inside the patch). --adaptive repeats every setting with an attack that also',
    'minimises the differentiable feature-space detector score (Yao et al. 2021): report both numbers.',
    `${minimumNormText()}: they run once, whatever the budgets.`,
    '',
    'Options:',
    `  --attack LIST        attack methods, comma-separated: ${ATTACK_IDS_TEXT} (default ${DEFAULT_ATTACK_ID})`,
    '  --eps LIST           budgets in normalised display units (default 0.02)',
    '  --norm N             linf (default) or l2',
    `  --steps N            iterations (default per method: ${defaultStepsText(true)})`,
    '  --fpr F              false-positive rate for TPR and the calibration (default 0.05)',
    '  --max-images N       use at most N images of DIR',
    '  --adaptive           also run detector-aware attacks; --adaptive-weight W is λ (default 1)',
    '  --save-calibration DIR  keep the calibration (for aegis detect)',
    '  --seed S             seed of every random choice (default 0)',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('detect-eval', argv, {
      ...Object.fromEntries(
        ['model', 'clean', 'attack', 'eps', 'norm', 'steps', 'fpr', 'seed', 'max-images', 'adaptive-weight', 'save-calibration'].map((k) => [k, { type: 'string' as const }]),
      ),
      json: { type: 'boolean' },
      adaptive: { type: 'boolean' },
    }, false);
    const v = parsed.values as Record<string, string | undefined> & { json?: boolean; adaptive?: boolean };
    if (!v.model) throw new UsageError('--model MODEL.onnx is required');
    if (!v.clean) throw new UsageError('--clean DIR (a folder of clean images) is required');
    const methods = list('attack', v.attack, DEFAULT_ATTACK_ID).map((m) => parseAttackId(m, `--attack: "${m}"`));
    const epsList = list('eps', v.eps, '0.02').map(Number);
    if (epsList.some((e) => !(e > 0))) throw new UsageError(`--eps values must be positive numbers, not "${v.eps}"`);
    const norm = (v.norm ?? 'linf') as 'linf' | 'l2';
    if (norm !== 'linf' && norm !== 'l2') throw new UsageError(`--norm must be linf or l2, not "${v.norm}"`);
    const steps = v.steps === undefined ? undefined : Number(v.steps);
    if (steps !== undefined && !(Number.isInteger(steps) && steps >= 1)) throw new UsageError(`--steps must be a whole number ≥ 1, not "${v.steps}"`);
    const fpr = v.fpr === undefined ? 0.05 : Number(v.fpr);
    if (!(fpr > 0 && fpr < 1)) throw new UsageError(`--fpr must be a fraction between 0 and 1, not "${v.fpr}"`);
    const seed = v.seed === undefined ? 0 : Number(v.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${v.seed}"`);
    const maxImages = v['max-images'] === undefined ? Infinity : Number(v['max-images']);
    if (!(maxImages >= 10)) throw new UsageError(`--max-images must be at least 10 (6 to calibrate, 4 to evaluate), not "${v['max-images']}"`);
    const weight = v['adaptive-weight'] === undefined ? 1 : Number(v['adaptive-weight']);
    if (!(weight >= 0)) throw new UsageError(`--adaptive-weight must be ≥ 0, not "${v['adaptive-weight']}"`);
    const log = (s: string) => console.error(s);

    const files = listImageFiles(v.clean).slice(0, maxImages);
    if (files.length < 10) throw new UsageError(`${v.clean}: ${files.length} images; detect-eval needs at least 10 (6 to calibrate, 4 to evaluate)`, 1);
    // Minimum-norm attacks (eps does not bound them) run once (eps only sets the noisy images' amplitude).
    const unbounded = (m: string) => !attackEntry(m).epsBounded;
    const attacks: AttackConfig[] = methods.flatMap((method) => (unbounded(method) ? epsList.slice(0, 1) : epsList).map((eps) => ({ method, eps, norm, steps: steps ?? attackDefaults(method, norm, true).steps })));
    const session = await openDetectionSession(v.model);
    let releaseAdaptive: (() => Promise<void>) | null = null;
    try {
      const cases: EvalCase[] = [];
      for (const f of files) cases.push(await openDetectionCase(session, f));
      // A seeded random half calibrates; the rest is held out (folder order can alias with the classes).
      const order = seededShuffle(cases.length, seed);
      const calibrationCases = order.slice(0, Math.ceil(cases.length / 2)).map((i) => cases[i]);
      const heldOut = order.slice(Math.ceil(cases.length / 2)).map((i) => cases[i]);
      const started = performance.now();
      const { record } = await calibrateDetectors({ target: session.target, images: calibrationCases.map((c) => c.item), modelHash: session.loaded.hash, fpr, seed });
      log(`calibrated on ${calibrationCases.length} clean images`);
      if (v['save-calibration']) log(`calibration written to ${saveCalibration(v['save-calibration'], record)}`);
      let adaptive;
      if (v.adaptive) {
        const g = await detectorGradient(session.loaded.model, record, session.extractor.spatialLayers, session.objective.inputShape.slice(1));
        releaseAdaptive = g.release;
        adaptive = { gradient: g.gradient, weight };
      }
      const evaluation = await runDetectionEval({ target: session.target, objective: session.objective, calibration: record, cases: heldOut, attacks, fpr, seed, adaptive, onProgress: log });
      const seconds = (performance.now() - started) / 1000;
      const familyRows = (rows: DetectorRow[]) => rows.filter((r) => !r.detector.startsWith('value:'));
      const result = {
        model: v.model,
        clean: v.clean,
        images: { calibration: calibrationCases.length, heldOut: heldOut.length },
        fpr,
        seconds,
        results: evaluation.results.map((r) => ({ ...r, recommendation: recommendDetector(r.rows) })),
        localised: evaluation.localised,
      };
      if (v.json) {
        console.log(JSON.stringify(result, null, 2));
        return 0;
      }
      console.log(`${v.model}: ${calibrationCases.length} calibration + ${heldOut.length} held-out clean images from ${v.clean} (${fmt(seconds)} s)`);
      for (const r of evaluation.results) {
        const a = r.attack;
        const budget = unbounded(a.method) ? 'minimum-norm' : `eps ${a.eps}`;
        console.log(`\n${a.adaptive ? 'ADAPTIVE ' : ''}${a.method} ${a.norm} ${budget} (${a.steps} steps): ${r.succeeded}/${r.attempted} succeeded; positives: ${r.positives}`);
        const n = r.rows[0];
        console.log(`  ${n.negatives} clean vs ${n.positives} attacked images; 95 % intervals in brackets`);
        console.log(`  ${'detector'.padEnd(16)} ${'ROC AUC'.padStart(21)} ${`TPR@${Number((100 * fpr).toFixed(2))}%FPR`.padStart(21)} ${'AUC vs noisy'.padStart(21)}`);
        for (const row of familyRows(r.rows)) {
          const vsNoisy = row.aucVsNoisy === undefined ? '—' : withCi(row.aucVsNoisy, row.aucVsNoisyCi);
          console.log(`  ${row.detector.padEnd(16)} ${withCi(row.auc, row.aucCi).padStart(21)} ${withCi(row.tpr, row.tprCi).padStart(21)} ${vsNoisy.padStart(21)}`);
        }
        const rec = recommendDetector(r.rows);
        console.log(rec.detector ? `  recommended: ${rec.detector.detector} (AUC ${withCi(rec.detector.auc, rec.detector.aucCi)}; ${rec.reason})` : `  no detector recommended: ${rec.reason}`);
      }
      if (evaluation.localised) {
        const l = evaluation.localised;
        console.log(`\nlocalised ${l.attack.method} eps ${l.attack.eps} in a square patch (${l.images} images): pixel-level scores of the maps`);
        for (const [name, m] of Object.entries(l.maps)) console.log(`  ${name.padEnd(16)} pixel AUROC ${fmt(m.meanAuroc)}, peak inside the patch ${fmt(100 * m.peakInMaskRate)} %`);
      }
      return 0;
    } finally {
      if (releaseAdaptive) await releaseAdaptive();
      await session.release();
    }
  },
};

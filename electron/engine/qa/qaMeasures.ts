/**
 * The measures of a QA session from its item results, each with a 95 % interval: Wilson for
 * proportions (accuracy, sensitivity, specificity, success rates), DeLong for AUCs, a seeded
 * percentile bootstrap for means and paired differences (SSIM, PSNR, Dice, defence effects).
 */
import type { QaConfig, QaItemResult } from '../../shared/qaTypes';
import type { QaAttackRow, QaCleanMeasures, QaDefenceEffect, QaInterval, QaMarginBin, QaModelInfo, QaRocPoint, QaTransferCell, QaWorstCase } from '../../shared/qaSummary';
import { aucInterval } from '../stats/aucInterval';
import { bootstrapMean } from '../stats/bootstrapMean';
import { deLongAuc } from '../stats/delong';
import { wilsonInterval } from '../stats/wilsonInterval';

/** Score of a two-class output: logit (or log-probability) difference z₁ − z₀, monotone in P(class 1). */
function score(logits: number[]): number {
  return logits[1]! - logits[0]!;
}

function argmax(v: number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

/** Wilson interval of the `true`s in `flags`; null when empty. */
export function proportion(flags: boolean[]): QaInterval | null {
  if (flags.length === 0) return null;
  const ci = wilsonInterval(flags.filter(Boolean).length, flags.length);
  return { estimate: ci.estimate, low: ci.low, high: ci.high, n: ci.n, method: 'wilson' };
}

/** Bootstrap interval of the mean of `values` (seeded); null when empty. */
export function mean(values: number[], seed: number): QaInterval | null {
  if (values.length === 0) return null;
  const ci = bootstrapMean(values, seed);
  return { estimate: ci.estimate, low: ci.low, high: ci.high, n: ci.n, method: 'bootstrap' };
}

/**
 * AUC of `negatives` vs `positives` with DeLong's interval; where DeLong's variance collapses to 0
 * (AUC 0 or 1, complete separation) the Newcombe score interval is given instead, so a perfect
 * separation of few images is not reported as "±0". Null unless both groups have ≥ 2 values.
 */
export function aucOf(negatives: number[], positives: number[]): QaInterval | null {
  if (negatives.length < 2 || positives.length < 2) return null;
  const n = negatives.length + positives.length;
  const d = deLongAuc(negatives, positives);
  if (d.auc > 0 && d.auc < 1) return { estimate: d.auc, low: d.low, high: d.high, n, method: 'delong' };
  const s = aucInterval(negatives, positives);
  return { estimate: s.auc, low: s.low, high: s.high, n, method: 'newcombe' };
}

/** AUC of two-class outputs against labels (score z₁ − z₀); null for other outputs or too few images. */
export function auc(items: { logits: number[]; label: number }[]): QaInterval | null {
  if (items.some((r) => r.logits.length !== 2)) return null;
  return aucOf(items.filter((r) => r.label === 0).map((r) => score(r.logits)), items.filter((r) => r.label === 1).map((r) => score(r.logits)));
}

/** Empirical ROC points (every threshold) of two-class outputs, from (0,0) to (1,1). */
export function rocPoints(items: { logits: number[]; label: number }[]): { fpr: number; tpr: number }[] {
  const s = items.map((r) => ({ v: score(r.logits), pos: r.label === 1 })).sort((a, b) => b.v - a.v);
  const p = s.filter((x) => x.pos).length;
  const n = s.length - p;
  if (p === 0 || n === 0) return [];
  const pts = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i]!.pos) tp++;
    else fp++;
    if (i === s.length - 1 || s[i + 1]!.v !== s[i]!.v) pts.push({ fpr: fp / n, tpr: tp / p });
  }
  return pts;
}

/** Inputs of {@link qaMeasures}: the session's models, configuration and every item result. */
export interface MeasureInput {
  models: QaModelInfo[];
  config: QaConfig;
  results: QaItemResult[];
}

/** Computes every measure of the session. */
export function qaMeasures({ models, config, results }: MeasureInput) {
  const seed = config.seed;
  const byModel = (hash: string, attack: string, eps: number) => results.filter((r) => r.modelHash === hash && r.attack === attack && r.eps === eps);
  const correct = (r: QaItemResult, logits = r.logits) => (logits ? argmax(logits) === r.label : false);
  const clean: Record<string, QaCleanMeasures> = {};
  const rows: QaAttackRow[] = [];
  const worstCase: QaWorstCase[] = [];
  const margins: QaMarginBin[] = [];
  const transfer: QaTransferCell[] = [];
  const roc: QaRocPoint[] = [];
  for (const m of models) {
    const c = byModel(m.hash, 'clean', 0);
    const cleanByImage = new Map(c.map((r) => [r.imageHash, r]));
    const cls = c.filter((r) => r.logits) as (QaItemResult & { logits: number[] })[];
    clean[m.hash] = {
      accuracy: m.segmentation ? null : proportion(cls.map((r) => correct(r))),
      auc: m.segmentation ? null : auc(cls),
      sensitivity: m.segmentation || m.classes.length > 2 ? null : proportion(cls.filter((r) => r.label === 1).map((r) => r.decision === 1)),
      specificity: m.segmentation || m.classes.length > 2 ? null : proportion(cls.filter((r) => r.label === 0).map((r) => r.decision === 0)),
      dice: mean(c.flatMap((r) => (r.dice === null ? [] : [r.dice])), seed),
      iou: mean(c.flatMap((r) => (r.iou === null ? [] : [r.iou])), seed),
    };
    for (const pt of rocPoints(cls)) roc.push({ model: m.name, condition: 'clean', ...pt });
    const flippedAt = new Map<string, number>();
    for (const eps of [...config.eps].sort((a, b) => a - b)) {
      const survivors = new Map<string, boolean>();
      const diceWorst = new Map<string, number>();
      for (const attack of config.attacks) {
        const a = byModel(m.hash, attack, eps);
        const acls = a.filter((r) => r.logits) as (QaItemResult & { logits: number[] })[];
        for (const r of a) {
          survivors.set(r.imageHash, (survivors.get(r.imageHash) ?? true) && (m.segmentation ? true : correct(r)));
          if (r.dice !== null) diceWorst.set(r.imageHash, Math.min(diceWorst.get(r.imageHash) ?? 1, r.dice));
          if (r.success && cleanByImage.get(r.imageHash) && correct(cleanByImage.get(r.imageHash)!) && !flippedAt.has(r.imageHash)) flippedAt.set(r.imageHash, eps);
        }
        const detectorAuc: Record<string, QaInterval> = {};
        for (const d of config.detectors) {
          const neg = c.map((r) => r.detectors[d]!).filter(Number.isFinite);
          const pos = a.map((r) => r.detectors[d]!).filter(Number.isFinite);
          const x = aucOf(neg, pos);
          if (x) detectorAuc[d] = x;
        }
        rows.push({
          model: m.name,
          attack,
          eps,
          steps: a[0]?.steps ?? 0,
          accuracy: m.segmentation ? null : proportion(acls.map((r) => correct(r))),
          auc: m.segmentation ? null : auc(acls),
          successRate: m.segmentation ? proportion(a.map((r) => r.success === true)) : proportion(acls.filter((r) => cleanByImage.get(r.imageHash) && correct(cleanByImage.get(r.imageHash)!)).map((r) => r.success === true)),
          ssim: mean(a.flatMap((r) => (r.ssim === null ? [] : [r.ssim])), seed),
          psnr: mean(a.flatMap((r) => (r.psnr === null || !Number.isFinite(r.psnr) ? [] : [r.psnr])), seed),
          dice: mean(a.flatMap((r) => (r.dice === null ? [] : [r.dice])), seed),
          iou: mean(a.flatMap((r) => (r.iou === null ? [] : [r.iou])), seed),
          detectorAuc,
          defences: defenceEffects(config, a, cleanByImage, m.segmentation, seed),
        });
        for (const t of models) {
          const flags = acls.map((r) => {
            const logits = t.hash === m.hash ? r.logits : r.transfer[t.hash];
            return logits ? argmax(logits) === r.label : false;
          });
          const acc = proportion(flags);
          if (acc) transfer.push({ attack, eps, surrogate: m.name, target: t.name, accuracy: acc });
        }
        if (eps === Math.max(...config.eps)) for (const pt of rocPoints(acls)) roc.push({ model: m.name, condition: `${attack} ε ${eps}`, ...pt });
      }
      worstCase.push({ model: m.name, eps, accuracy: m.segmentation ? null : proportion([...survivors.values()]), dice: mean([...diceWorst.values()], seed) });
    }
    if (!m.segmentation) {
      const rightWhenClean = cls.filter((r) => correct(r));
      for (const eps of [...config.eps].sort((a, b) => a - b)) {
        margins.push({ model: m.name, eps, count: rightWhenClean.filter((r) => flippedAt.get(r.imageHash) === eps).length, n: rightWhenClean.length });
      }
      margins.push({ model: m.name, eps: null, count: rightWhenClean.filter((r) => !flippedAt.has(r.imageHash)).length, n: rightWhenClean.length });
    }
  }
  return { clean, rows, worstCase, margins, transfer, roc };
}

/** Each defence: accuracy (Dice) with it on clean and on attacked images, and its paired change. */
function defenceEffects(config: QaConfig, attacked: QaItemResult[], cleanByImage: Map<string, QaItemResult>, segmentation: boolean, seed: number): QaDefenceEffect[] {
  const out: QaDefenceEffect[] = [];
  const ok = (r: QaItemResult, v: number[] | undefined): number => (segmentation ? (v?.[0] ?? 0) : v && argmax(v) === r.label ? 1 : 0);
  const plain = (r: QaItemResult): number => (segmentation ? (r.dice ?? 0) : r.logits && argmax(r.logits) === r.label ? 1 : 0);
  for (const d of config.defences) {
    for (const [which, items] of [['clean', attacked.map((r) => cleanByImage.get(r.imageHash)!).filter(Boolean)], ['attacked', attacked]] as const) {
      const withD = items.map((r) => ok(r, r.defences[d]));
      const change = items.map((r, i) => withD[i]! - plain(r));
      const w = segmentation ? mean(withD, seed) : proportion(withD.map((v) => v === 1));
      const ch = mean(change, seed);
      if (w && ch) out.push({ defence: `${d} (${which})`, withDefence: w, change: ch });
    }
  }
  return out;
}

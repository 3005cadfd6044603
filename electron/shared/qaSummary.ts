/**
 * The measures of a finished QA session, each with its 95 % interval and the n it rests on, as the
 * report, the CLI's JSON and the QA mode show them. Fractions are in [0, 1]; PSNR in dB; budgets in
 * normalised display units.
 */

/**
 * A sample figure with its 95 % interval: Wilson (proportions), DeLong (AUC; Newcombe's score
 * interval where DeLong's variance is 0 at complete separation) or seeded bootstrap (means, differences).
 */
export interface QaInterval {
  estimate: number;
  low: number;
  high: number;
  n: number;
  method: 'wilson' | 'delong' | 'newcombe' | 'bootstrap';
}

/** Clean performance of one model. Classification: accuracy, AUC (two classes), sensitivity/specificity at the model's argmax operating point. */
export interface QaCleanMeasures {
  accuracy: QaInterval | null;
  auc: QaInterval | null;
  sensitivity: QaInterval | null;
  specificity: QaInterval | null;
  /** Segmentation: foreground Dice and IoU against the reference masks. */
  dice: QaInterval | null;
  iou: QaInterval | null;
}

/** A defence's effect: accuracy (or Dice) with the defence, and its paired change vs without. */
export interface QaDefenceEffect {
  defence: string;
  withDefence: QaInterval;
  change: QaInterval;
}

/** One model × attack × budget row. */
export interface QaAttackRow {
  model: string;
  attack: string;
  eps: number;
  steps: number;
  accuracy: QaInterval | null;
  auc: QaInterval | null;
  /** Among images the model got right when clean: the fraction the attack turned wrong. */
  successRate: QaInterval | null;
  ssim: QaInterval | null;
  psnr: QaInterval | null;
  dice: QaInterval | null;
  iou: QaInterval | null;
  /** Detector id → AUC of its score, clean (negatives) vs attacked (positives). */
  detectorAuc: Record<string, QaInterval>;
  defences: QaDefenceEffect[];
}

/** Worst case over the session's attacks at one budget: an image counts only if it survives every attack. */
export interface QaWorstCase {
  model: string;
  eps: number;
  accuracy: QaInterval | null;
  dice: QaInterval | null;
}

/** Robustness margin per model: images (right when clean) by the smallest budget any attack flipped them at. */
export interface QaMarginBin {
  model: string;
  /** The budget, or null for "not flipped at the largest budget". */
  eps: number | null;
  count: number;
  n: number;
}

/** One cell of a transfer matrix: accuracy of `target` on the images attacked on `surrogate`. */
export interface QaTransferCell {
  attack: string;
  eps: number;
  surrogate: string;
  target: string;
  accuracy: QaInterval;
}

/** One point of an empirical ROC curve (false- and true-positive fractions). */
export interface QaRocPoint {
  model: string;
  condition: string;
  fpr: number;
  tpr: number;
}

/** A model of the session: its name, content hash and where it ran. */
export interface QaModelInfo {
  name: string;
  path: string;
  hash: string;
  classes: string[];
  segmentation: boolean;
  provider: string;
}

/** Everything a QA report shows. */
export interface QaSummary {
  sessionId: string;
  appVersion: string;
  createdAt: string;
  config: Record<string, unknown>;
  models: QaModelInfo[];
  images: number;
  computed: number;
  reused: number;
  reusedImages: number;
  clean: Record<string, QaCleanMeasures>;
  rows: QaAttackRow[];
  worstCase: QaWorstCase[];
  margins: QaMarginBin[];
  transfer: QaTransferCell[];
  roc: QaRocPoint[];
}

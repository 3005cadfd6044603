import { describe, expect, it } from 'vitest';
import { qaMeasures, rocPoints } from '../../../electron/engine/qa/qaMeasures';
import type { QaItemResult } from '../../../electron/shared/qaTypes';
import { qaConfigSchema } from '../../../electron/shared/qaTypes';

const config = qaConfigSchema.parse({ models: ['/m.onnx'], dataDir: '/d', labels: '/l.csv', attacks: ['fgsm', 'pgd'], eps: [0.01, 0.02], detectors: ['squeeze'], defences: ['median'] });
const model = { name: 'm', path: '/m.onnx', hash: 'H', classes: ['neg', 'pos'], segmentation: false, provider: 'cpu' };

function item(image: number, label: number, attack: string, eps: number, z: number, extra: Partial<QaItemResult> = {}): QaItemResult {
  return {
    key: `${image}-${attack}-${eps}`, modelHash: 'H', image: `${image}.dcm`, imageHash: `h${image}`, attack: attack as QaItemResult['attack'], eps, seed: 1, steps: 1,
    label, logits: [-z / 2, z / 2], decision: z > 0 ? 1 : 0, ssim: attack === 'clean' ? null : 0.9, psnr: attack === 'clean' ? null : 40, success: null,
    defences: { median: [-z / 2, z / 2] }, detectors: { squeeze: attack === 'clean' ? 0.1 * image : 1 + image }, transfer: {}, dice: null, iou: null, ...extra,
  };
}

describe('qaMeasures', () => {
  // 10 images: 0–4 negative, 5–9 positive. Clean: image 4 (negative) scored positive, the rest right.
  const results: QaItemResult[] = [];
  for (let i = 0; i < 10; i++) {
    const label = i >= 5 ? 1 : 0;
    const cleanZ = label ? 1 + i : i === 4 ? 0.5 : -1 - i;
    results.push(item(i, label, 'clean', 0, cleanZ));
    // FGSM flips images 0 and 5 at 0.02 only; PGD flips 0, 1, 5 at 0.01 and every image at 0.02.
    for (const [attack, eps, flipped] of [['fgsm', 0.01, []], ['fgsm', 0.02, [0, 5]], ['pgd', 0.01, [0, 1, 5]], ['pgd', 0.02, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]] as const) {
      const flip = (flipped as readonly number[]).includes(i);
      const z = flip ? -cleanZ : cleanZ;
      results.push(item(i, label, attack, eps, z, { success: flip && i !== 4 ? true : i === 4 ? true : false }));
    }
  }
  const m = qaMeasures({ models: [model], config, results });

  it('gives clean accuracy, sensitivity and specificity with Wilson intervals and the AUC with DeLong', () => {
    const c = m.clean.H!;
    expect(c.accuracy).toMatchObject({ estimate: 0.9, n: 10, method: 'wilson' });
    expect(c.sensitivity).toMatchObject({ estimate: 1, n: 5 });
    expect(c.specificity).toMatchObject({ estimate: 0.8, n: 5 });
    // Scores: negatives −1, −2, −3, −4 and 0.5; positives 6…10 — every positive outscores every negative.
    expect(c.auc).toMatchObject({ estimate: 1, method: 'newcombe' });
    expect(c.auc!.low).toBeLessThan(0.9);
  });

  it('counts accuracy, success among clean-right images, the worst case and the margins per budget', () => {
    const row = (a: string, e: number) => m.rows.find((r) => r.attack === a && r.eps === e)!;
    expect(row('fgsm', 0.01).accuracy!.estimate).toBeCloseTo(0.9, 12);
    expect(row('pgd', 0.01).accuracy!.estimate).toBeCloseTo(0.6, 12); // 0, 1, 5 flipped; 4 still wrong
    expect(row('pgd', 0.01).successRate).toMatchObject({ estimate: 3 / 9, n: 9 });
    expect(row('pgd', 0.02).auc!.estimate).toBe(0);
    expect(row('pgd', 0.02).detectorAuc.squeeze!.estimate).toBe(1);
    expect(row('fgsm', 0.02).ssim).toMatchObject({ n: 10, method: 'bootstrap' });
    expect(row('fgsm', 0.02).ssim!.estimate).toBeCloseTo(0.9, 12);
    expect(m.worstCase.find((w) => w.eps === 0.01)!.accuracy!.estimate).toBeCloseTo(0.6, 12);
    expect(m.worstCase.find((w) => w.eps === 0.02)!.accuracy!.estimate).toBe(0); // image 4: right under PGD, still wrong under FGSM
    expect(m.margins.map((b) => [b.eps, b.count, b.n])).toEqual([[0.01, 3, 9], [0.02, 6, 9], [null, 0, 9]]);
    const median = row('pgd', 0.01).defences.find((d) => d.defence === 'median (attacked)')!;
    expect(median.change.estimate).toBe(0);
  });

  it('draws the empirical ROC through every threshold', () => {
    expect(rocPoints([{ logits: [0, 1], label: 1 }, { logits: [0, 0], label: 0 }, { logits: [0, 0], label: 1 }])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 1, tpr: 1 },
    ]);
  });
});

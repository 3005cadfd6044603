/**
 * metadata.json and MODEL_CARD.md of a demo classifier, rendered from the numbers the build
 * computed (nothing here is typed in by hand).
 */
import type { AttackRow } from '../../electron/engine/evaluate/attackedMetrics';
import type { BinaryMetrics } from '../../electron/engine/evaluate/scoreClassifier';
import type { AdversarialRecipe } from '../recipes';

/** Everything a classifier card states. */
export interface ClassifierReport {
  id: string;
  title: string;
  summary: string;
  seed: number;
  trainImages: number;
  trainFirstSeed: number;
  /** Whether the training images are twins: each anatomy with and without a nodule. */
  trainPaired: boolean;
  evalImages: number;
  evalFirstSeed: number;
  steps: number;
  batch: number;
  peakLr: number;
  weightDecay: number;
  /** How the model was adversarially fine-tuned; absent for standard training. */
  adversarial?: AdversarialRecipe;
  /** The base model's held-out numbers (from its metadata.json), for the comparison in the card. */
  baseline?: { id: string; clean: BinaryMetrics; attacks: AttackRow[] };
  threads: number;
  trainSeconds: number;
  parameters: number;
  modelBytes: number;
  /** Decision threshold t on the max evidence (evidence units) and the images it was calibrated on. */
  threshold: number;
  calibrationImages: number;
  /** PGD budget the calibration images were attacked at (0 = clean). */
  calibrationEps: number;
  clean: BinaryMetrics;
  attacks: AttackRow[];
  attackSeed: number;
}

const f3 = (x: number) => x.toFixed(3);

/** The training data in words, e.g. "1600 images: 800 phantom anatomies (seeds 1–800), each with and without a nodule". */
function trainingData(r: ClassifierReport): string {
  if (!r.trainPaired) return `${r.trainImages} phantoms (seeds ${r.trainFirstSeed}–${r.trainFirstSeed + r.trainImages - 1}; odd seed = nodule present)`;
  const anatomies = r.trainImages / 2;
  return `${r.trainImages} images: ${anatomies} phantom anatomies (seeds ${r.trainFirstSeed}–${r.trainFirstSeed + anatomies - 1}), each with and without a nodule`;
}

/** metadata.json (ARCHITECTURE.md "Model metadata"), including the evaluation it was shipped with. */
export function classifierMetadata(r: ClassifierReport, classes: readonly string[], side: number, window: { center: number; width: number }): object {
  return {
    name: r.id,
    version: '1.0.0',
    description: `${r.title}. ${r.summary} Synthetic data only; not for clinical use.`,
    modalities: ['DX', 'CR'],
    network_data_format: {
      inputs: {
        image: { name: 'image', size: [side, side], channels: 1, intensity: { kind: 'window', ...window }, range: [0, 1], mean: [0], std: [1] },
      },
      outputs: { logits: { name: 'logits', kind: 'logits', classes: [...classes] } },
    },
    training: {
      data: `synthetic chest phantoms: ${trainingData(r)}`,
      seed: r.seed,
      steps: r.steps,
      batch: r.batch,
      optimizer: `AdamW lr ${r.peakLr} (warm-up + cosine), weight decay ${r.weightDecay}`,
      adversarial: r.adversarial ? `PGD-${r.adversarial.attackSteps} adversarial fine-tuning of ${r.adversarial.base}, eps ${r.adversarial.eps}` : 'none',
      seconds: Math.round(r.trainSeconds),
      threads: r.threads,
    },
    evaluation: {
      data: `held-out phantoms, seeds ${r.evalFirstSeed}–${r.evalFirstSeed + r.evalImages - 1}`,
      clean: { auc: r.clean.auc, accuracy: r.clean.accuracy },
      pgd: r.attacks.map((a) => ({ eps: a.eps, steps: a.steps, auc: a.auc, accuracy: a.accuracy })),
    },
    /** Everything the card is rendered from, so `npm run models -- --cards-only` can re-render it. */
    report: r,
  };
}

/** MODEL_CARD.md text. */
export function classifierCard(r: ClassifierReport): string {
  const base = r.baseline;
  const cells = (m: BinaryMetrics, b?: BinaryMetrics) => `${f3(m.auc)} | ${f3(m.accuracy)}${base ? ` | ${b ? f3(b.auc) : '–'} | ${b ? f3(b.accuracy) : '–'}` : ''}`;
  const rows = [
    `| clean | ${cells(r.clean, base?.clean)} |`,
    ...r.attacks.map((a) => `| PGD L∞ ε = ${a.eps} (${Math.round(a.eps * 4096)} stored units), ${a.steps} steps | ${cells(a, base?.attacks.find((b) => b.eps === a.eps && b.steps === a.steps))} |`),
  ];
  const header = base ? `| condition | AUC | accuracy | ${base.id} AUC | ${base.id} accuracy |\n|---|---|---|---|---|` : '| condition | AUC | accuracy |\n|---|---|---|';
  const adv = r.adversarial;
  return `# ${r.title}

> **Synthetic data only. Not for clinical use.** This model has never seen a real radiograph. It
> was trained on computer-generated chest phantoms so that Aegis can be demonstrated offline, with
> nothing downloaded and no patient data shipped.

${r.summary}

## Model

- Task: nodule present / absent on a synthetic PA chest phantom (two logits: \`nodule absent\`, \`nodule present\`).
- Input \`image\` [N, 1, 224, 224], float32 in [0, 1]: stored values windowed with centre 2048 and width 4096
  (the full 12-bit range), resized from 512 × 512 with antialiased bilinear interpolation (metadata.json).
- Architecture: a fixed blob-detector front end (2 × 2 average pooling, scale-normalised Laplacian-of-Gaussian
  filters at three scales), four trained Conv + ReLU stages (16–48 channels) and a 1 × 1 convolution giving a
  28 × 28 nodule-evidence map (\`nodule_map\`, one cell per 8 × 8 input pixels); the classifier takes the
  maximum evidence m over the map and outputs logits [−(m − t)/2, (m − t)/2] with t = ${r.threshold.toFixed(3)}.
  ${r.parameters.toLocaleString('en-US')} trained parameters, ${(r.modelBytes / 1024).toFixed(0)} KiB.

## What it can and cannot show

- It **can** show, on the demo study, how a classifier's decision moves under white-box attacks that are
  invisible at normal viewing (or plant a nodule it then "sees"), and how saliency looks.
- It **cannot** say anything about clinical performance. The phantoms are stylised (idealised spherical
  nodules, simplified anatomy, no devices, no other disease); the numbers below hold for these phantoms only
  and would not transfer to real images.${
    adv
      ? `
- Adversarial training is a defence, not immunity: it buys accuracy under attacks up to about the budget it was
  trained at (ε = ${adv.eps}), pays for it in clean accuracy, and larger budgets still break the model (see the
  table). In the attack lab, attack both models at the same budget, or run each one's margin search.`
      : ''
  }

## Training

- Data: ${trainingData(r)}.
- Supervision: the generator knows where each nodule is, so the evidence map is trained with per-cell
  cross-entropy (a cell is positive within the nodule radius plus half a cell of its centre); each batch
  holds twins (the same anatomy and noise with and without a nodule). The threshold t is the most accurate cut
  on the first ${r.calibrationImages} training images${r.calibrationEps ? `, each attacked with the evaluation's PGD (below) at ε = ${r.calibrationEps}: the operating point that is most accurate under attack, at some cost in clean accuracy` : ''}.
- Trained with Aegis's own gradient compiler (initializers as differentiable inputs, onnxruntime CPU) and
  AdamW written in TypeScript: peak learning rate ${r.peakLr}, linear warm-up then cosine decay, weight decay
  ${r.weightDecay} on weights, batch ${r.batch}, ${r.steps} steps, seed ${r.seed}.
- Adversarial training: ${
    adv
      ? `${adv.base} (built first by the same \`npm run models\`) fine-tuned for ${r.steps} steps on PGD-${adv.attackSteps} adversarial examples
  (Madry et al. 2018: random start, ${adv.attackSteps} steps of 2.5 ε / ${adv.attackSteps}) at ε = ${adv.eps} in input units, ramped up over the
  first 30 % of steps. Each batch is attacked through the shipped max-evidence decision (cross-entropy against the image
  label), then the update descends that image-level cross-entropy plus ${adv.mapWeight} × the per-cell map cross-entropy on the
  attacked batch`
      : 'none (standard training)'
  }.
- ${adv ? 'Fine-tuning' : 'Training'} time: ${r.trainSeconds.toFixed(0)} s on ${r.threads} CPU thread(s)${adv ? `, after ${adv.base}'s own training` : ''}.

## Evaluation on held-out phantoms

${r.evalImages} phantoms never used in training (seeds ${r.evalFirstSeed}–${r.evalFirstSeed + r.evalImages - 1}, half with a nodule).
AUC of the logit difference and accuracy of the argmax decision. Attacks are untargeted PGD (Madry et al. 2018)
away from the true label, in model-input space clipped to [0, 1], random start, step 2.5 ε / steps, seed ${r.attackSeed}.

${header}
${rows.join('\n')}${
  base
    ? `

The last two columns are ${base.id}'s card numbers on the same held-out phantoms and attacks. Part of the gain
under attack is the operating point alone: this model's threshold was chosen on attacked training images,
${base.id}'s on clean ones (which is also why its clean accuracy is higher).`
    : ''
}

## Reproduce

\`\`\`
npm run models                       # regenerates the phantoms, retrains and rewrites this card
npx aegis evaluate --model native-models/${r.id}/model.onnx --first ${r.evalFirstSeed} --count ${r.evalImages}
\`\`\`
`;
}

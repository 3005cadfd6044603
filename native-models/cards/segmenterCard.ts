/**
 * metadata.json and MODEL_CARD.md of the demo lung segmenter, rendered from computed numbers.
 */
import type { DiceMetrics } from '../../electron/engine/evaluate/segmenterDice';

/** Everything the segmenter card states. */
export interface SegmenterReport {
  id: string;
  title: string;
  seed: number;
  side: number;
  trainImages: number;
  trainFirstSeed: number;
  evalImages: number;
  evalFirstSeed: number;
  steps: number;
  batch: number;
  peakLr: number;
  weightDecay: number;
  threads: number;
  trainSeconds: number;
  parameters: number;
  modelBytes: number;
  dice: DiceMetrics;
}

/** metadata.json (ARCHITECTURE.md "Model metadata"), including the evaluation it was shipped with. */
export function segmenterMetadata(r: SegmenterReport, classes: readonly string[], window: { center: number; width: number }): object {
  return {
    name: r.id,
    version: '1.0.0',
    description: `${r.title}. Synthetic data only; not for clinical use.`,
    modalities: ['DX', 'CR'],
    network_data_format: {
      inputs: {
        image: { name: 'image', size: [r.side, r.side], channels: 1, intensity: { kind: 'window', ...window }, range: [0, 1], mean: [0], std: [1] },
      },
      outputs: { logits: { name: 'logits', kind: 'segmentation', classes: [...classes] } },
    },
    training: {
      data: `synthetic chest phantoms, seeds ${r.trainFirstSeed}–${r.trainFirstSeed + r.trainImages - 1}`,
      seed: r.seed,
      steps: r.steps,
      batch: r.batch,
      optimizer: `AdamW lr ${r.peakLr} (warm-up + cosine), weight decay ${r.weightDecay}`,
      loss: 'per-pixel cross-entropy',
      seconds: Math.round(r.trainSeconds),
      threads: r.threads,
    },
    evaluation: {
      data: `held-out phantoms, seeds ${r.evalFirstSeed}–${r.evalFirstSeed + r.evalImages - 1}`,
      meanDice: r.dice.meanDice,
      minDice: r.dice.minDice,
    },
    /** Everything the card is rendered from, so `npm run models -- --cards-only` can re-render it. */
    report: r,
  };
}

/** MODEL_CARD.md text. */
export function segmenterCard(r: SegmenterReport): string {
  return `# ${r.title}

> **Synthetic data only. Not for clinical use.** This model has never seen a real radiograph. It
> was trained on computer-generated chest phantoms so that Aegis can be demonstrated offline.

Segments the lung fields of a synthetic PA chest phantom, so the demo can show segmentation attacks
(per-pixel cross-entropy and Dice losses) and their effect on a mask.

## Model

- Input \`image\` [N, 1, ${r.side}, ${r.side}], float32 in [0, 1]: stored values windowed with centre 2048 and width
  4096, resized from 512 × 512 with antialiased bilinear interpolation (metadata.json).
- Output \`logits\` [N, 2, ${r.side}, ${r.side}]: background, lung field (argmax gives the mask).
- A small U-Net (Ronneberger et al. 2015): two max-pool levels, 8–32 channels, transposed-convolution
  upsampling with skip connections; ${r.parameters.toLocaleString('en-US')} parameters, ${(r.modelBytes / 1024).toFixed(0)} KiB.

## What it can and cannot show

- It **can** show how a segmentation changes under attack on the demo study, and what Dice costs a given budget.
- It **cannot** segment real radiographs: the phantom lungs are smooth outlines with the heart and
  mediastinum cut out, without real anatomy, disease, devices or positioning errors.

## Training

- Data: ${r.trainImages} phantoms (seeds ${r.trainFirstSeed}–${r.trainFirstSeed + r.trainImages - 1}), ground truth = the generator's lung mask.
- Trained with Aegis's own gradient compiler and AdamW in TypeScript: per-pixel cross-entropy, peak learning
  rate ${r.peakLr}, warm-up then cosine decay, weight decay ${r.weightDecay}, batch ${r.batch}, ${r.steps} steps, seed ${r.seed}.
- Training time: ${r.trainSeconds.toFixed(0)} s on ${r.threads} CPU thread(s).

## Evaluation on held-out phantoms

${r.evalImages} phantoms never used in training (seeds ${r.evalFirstSeed}–${r.evalFirstSeed + r.evalImages - 1}).

| metric | value |
|---|---|
| mean Dice (lung) | ${r.dice.meanDice.toFixed(3)} |
| worst-image Dice | ${r.dice.minDice.toFixed(3)} |

## Reproduce

\`\`\`
npm run models                       # regenerates the phantoms, retrains and rewrites this card
npx aegis evaluate --model native-models/${r.id}/model.onnx --first ${r.evalFirstSeed} --count ${r.evalImages}
\`\`\`
`;
}

/**
 * metadata.json and MODEL_CARD.md of a demo lesion generator, rendered from the numbers the build
 * measured on the written files (nothing here is typed in by hand).
 */
import type { GeneratorSpec } from '../../electron/shared/generatorMetadata';
import type { AucInterval } from '../../electron/engine/stats/aucInterval';
import type { ProportionInterval } from '../../electron/engine/stats/wilsonInterval';
import type { GeneratorEvaluation, OperationReport, Summary } from '../generator/evaluateGenerators';
import type { GeneratorRecipe } from '../generator/ganRecipes';
import type { SuspicionReport, SuspicionRow } from '../generator/suspicionOnFakes';

/** The phantom seeds and counts a generator is trained and measured on (ganRecipes GAN_DATA). */
export interface GeneratorData {
  trainPairs: number;
  trainFirstSeed: number;
  seed: number;
  jitter: number;
  evalPairs: number;
  evalFirstSeed: number;
  suspicionCalibration: number;
  suspicionCalibrationFirstSeed: number;
  suspicionPairs: number;
}

/** Everything a generator card states. */
export interface GeneratorReport {
  recipe: GeneratorRecipe;
  data: GeneratorData;
  spec: GeneratorSpec;
  threads: number;
  trainSeconds: number;
  curve: { l1: number; adversarial: number; discriminator: number }[];
  parameters: number;
  modelBytes: number;
  classifierId: string;
  evaluation: GeneratorEvaluation;
  /** What the suspicion detectors score on clean images and fakes (absent in cards measured before they were added). */
  suspicion?: SuspicionReport;
}

/** How far a rebuild's card numbers may move (same seed, another machine or onnxruntime build). */
export const CARD_TOLERANCE = { foolRate: 0.05, ssim: 0.005, psnr: 0.3, radius: 0.5, contrast: 15 } as const;

const pct = (p: ProportionInterval) => `${(100 * p.estimate).toFixed(1)} % (${p.k}/${p.n}; 95 % CI ${(100 * p.low).toFixed(1)}–${(100 * p.high).toFixed(1)} %)`;
const ms = (s: Summary, digits: number, unit = '') => `${s.mean.toFixed(digits)}${unit} ± ${s.sd.toFixed(digits)}${unit} (n = ${s.n})`;

/** metadata.json: the generator spec the engine reads, plus the training and the measured numbers. */
export function generatorMetadata(r: GeneratorReport): object {
  const own = r.evaluation[r.recipe.operation];
  return {
    name: r.recipe.id,
    version: '1.0.0',
    description: `${r.recipe.title}. A conditional inpainting GAN trained by Aegis's gradient compiler on exact phantom before/after pairs. Synthetic data only; not for clinical use.`,
    kind: 'generator',
    modalities: ['DX', 'CR'],
    generator: r.spec,
    training: {
      data: `${r.data.trainPairs} phantom anatomies (seeds ${r.data.trainFirstSeed}–${r.data.trainFirstSeed + r.data.trainPairs - 1}), each with and without a nodule, patches mirrored left–right`,
      seed: r.recipe.seed,
      steps: r.recipe.steps,
      batch: r.recipe.batch,
      loss: `LSGAN (PatchGAN discriminator) + ${r.recipe.l1Weight} × L1`,
      seconds: Math.round(r.trainSeconds),
      threads: r.threads,
    },
    evaluation: {
      data: `fresh phantom pairs, seeds ${r.evaluation.firstSeed}–${r.evaluation.firstSeed + r.evaluation.pairs - 1}`,
      classifier: r.classifierId,
      foolRate: own.foolRate,
      ssim: own.ssim,
      psnr: own.psnr,
      tolerance: CARD_TOLERANCE,
    },
    report: r,
  };
}

function operationRows(o: OperationReport): string[] {
  const wanted = o.operation === 'insert' ? '"nodule present"' : '"nodule absent"';
  const before = o.operation === 'insert' ? 'healthy images it called absent' : 'sick images it called present';
  const rows = [
    `| Fool rate: ${before}, now called ${wanted} | ${pct(o.foolRate)} |`,
    `| All ${o.images} images called ${wanted} after the edit | ${pct(o.wantedCallAfter)} |`,
    `| SSIM of the edit (square of ±30 px around the click) | ${ms(o.ssim, 3)} |`,
    `| PSNR of the edit (same square, data range 4096) | ${ms(o.psnr, 1, ' dB')} |`,
    `| Stored values changed per image | ${ms(o.changedPixels, 0, ' px')} |`,
    `| Farthest changed pixel from the click | ${o.farthestChange.toFixed(1)} px (at most ${o.farthestInRadii.toFixed(2)} nodule radii) |`,
  ];
  if (o.planted) {
    rows.push(`| Planted nodule radius / real twin's nodule | ${ms(o.planted.fake.radius, 1, ' px')} / ${ms(o.planted.real.radius, 1, ' px')} |`);
    rows.push(`| Planted nodule contrast / real twin's nodule | ${ms(o.planted.fake.contrast, 0)} / ${ms(o.planted.real.contrast, 0)} stored units |`);
  }
  if (o.toTruth) rows.push(`| PSNR to the true healthy twin: after removal / with the nodule | ${ms(o.toTruth.after, 1, ' dB')} / ${ms(o.toTruth.before, 1, ' dB')} |`);
  return rows;
}

const auc = (a: AucInterval) => `${a.auc.toFixed(2)} (95 % CI ${a.low.toFixed(2)}–${a.high.toFixed(2)})`;

function suspicionSection(s: SuspicionReport | undefined): string {
  if (!s) return '';
  const row = (name: string, r: SuspicionRow) => `| ${name} | ${pct(r.flagged)} | ${r.meanScore.toFixed(2)} |`;
  return `
## What the suspicion detectors say

Aegis's detectors (feature squeezing, noise residual, Mahalanobis, PaDiM, kernel density, LID; combined
score in decades of rarity among clean images) calibrated for \`demo-nodule-classifier\` on ${s.calibrationImages} clean
phantoms (seeds ${s.calibrationFirstSeed}–${s.calibrationFirstSeed + s.calibrationImages - 1}) at a ${100 * s.fpr} % false-positive rate, then run on ${s.pairs} of the pairs
above (seeds ${s.firstSeed}–${s.firstSeed + s.pairs - 1}) and on both generators' fakes of them:

| images | flagged as suspicious | mean combined score |
|---|---|---|
${row('clean, without nodule', s.cleanHealthy)}
${row('nodule inserted', s.inserted)}
${row('clean, with nodule', s.cleanSick)}
${row('nodule removed', s.removed)}

ROC AUC of the combined score, fakes against the clean images they were made from (${s.pairs} vs ${s.pairs} images): insert
${auc(s.aucInserted)}, remove ${auc(s.aucRemoved)} (0.5 = the detectors cannot tell). These detectors look for the traces of gradient
attacks (small, spread-out perturbations); a local, natural-looking edit is a different kind of change.
`;
}

/** MODEL_CARD.md text. */
export function generatorCard(r: GeneratorReport): string {
  const e = r.evaluation;
  const own = e[r.recipe.operation];
  const other = e[r.recipe.operation === 'insert' ? 'remove' : 'insert'];
  const s = r.spec;
  const native = s.patchSize * s.scale;
  const verb = r.recipe.operation === 'insert' ? 'plants a pulmonary nodule at the clicked location' : 'erases the pulmonary nodule at the clicked location';
  const last = r.curve[r.curve.length - 1];
  return `# ${r.recipe.title}

> **Synthetic data only. Not for clinical use.** This generator has never seen a real radiograph. It
> exists so that Aegis can show, offline, what GAN-made fakes (CT-GAN, Mirsky et al. 2019; Zhou et al.
> 2021) do to a classifier and to the people and detectors meant to catch them.

A conditional inpainting GAN that ${verb} of a synthetic chest phantom.

## Model

- Input \`patch\` [N, 2, ${s.patchSize}, ${s.patchSize}]: channel 0 the image around the click in model units (stored values
  windowed with centre 2048 and width 4096 → [0, 1]) at ${s.scale} native pixels per model pixel (${native} × ${native} native
  pixels, antialiased resize), its centre disc of radius ${s.mask.radius} model pixels (${s.mask.radius * s.scale} native) set to ${s.mask.fill};
  channel 1 the mask (1 inside the disc). Output \`generated\` [N, 1, ${s.patchSize}, ${s.patchSize}] in the same units.
- Architecture: the context mean is removed and the patch scaled ×10 in the graph (added back at the end), then a
  U-Net (two 2 × 2 max-pool levels, 8–32 channels, transposed-convolution upsampling with skips). ${r.parameters.toLocaleString('en-US')}
  parameters, ${(r.modelBytes / 1024).toFixed(0)} KiB. Discriminator (training only): PatchGAN, three stride-2 4 × 4
  convolutions with LeakyReLU 0.2 and a 3 × 3 head, one realism score per window.
- Paste-back (Aegis engine, the same for any generator with this metadata): the output is shifted so its context
  mean matches the original's (CT-GAN's local intensity matching), resized to native resolution and blended with
  weight 1 up to ${s.blend.inner} px from the click, a raised cosine to 0 at ${s.blend.outer} px. Texture \`${s.texture}\`: only the
  coarse content is replaced, the original's quantum noise stays. The result is quantised to the original's stored
  integers; **no pixel ${s.blend.outer} px or more from the click changes** (measured below).

## Training

- Data: ${r.data.trainPairs} exact before/after phantom pairs (seeds ${r.data.trainFirstSeed}–${r.data.trainFirstSeed + r.data.trainPairs - 1}): the same anatomy, texture
  and noise draws with and without a nodule (the phantom generator draws them from separate seeded streams), cut
  around the nodule${r.recipe.operation === 'remove' ? ` with the click moved by up to ±${r.data.jitter} px` : ''}, each also mirrored left–right.
- Loss: least-squares GAN (Mao et al. 2017) + ${r.recipe.l1Weight} × L1 to the true after-patch, as CT-GAN and pix2pix.
  Both networks trained by Aegis's gradient compiler (compiled \`cotangent\` graphs; the discriminator's input
  gradient chained into the generator), AdamW (generator lr ${r.recipe.peakLr}, discriminator ${r.recipe.discriminatorLr}, warm-up +
  cosine), ${r.recipe.steps} steps of ${r.recipe.batch} patches, seed ${r.recipe.seed}, ${r.threads} threads, ${Math.round(r.trainSeconds)} s.
- Last 50 steps: L1 ${last ? last.l1.toFixed(4) : '–'} (model units), generator LSGAN term ${last ? last.adversarial.toFixed(3) : '–'}, discriminator loss ${last ? last.discriminator.toFixed(3) : '–'}.

## What it does to fresh phantoms

${e.pairs} fresh phantom pairs (seeds ${e.firstSeed}–${e.firstSeed + e.pairs - 1}, never trained on), clicked at the true nodule centre
(for insert: where the image's twin has its nodule, so always inside the lung). Calls by \`${r.classifierId}\`.
Means ± standard deviations over images; proportions with Wilson 95 % intervals.

| ${r.recipe.id} | |
|---|---|
${operationRows(own).join('\n')}

For comparison, the companion generator (${other.operation}) on the same images: fool rate ${pct(other.foolRate)}.

Zhou et al. 2021's full-image mammography GANs fooled their classifier on 69.1 % of the cases it first got right;
the number above is the same measure on these phantoms and this classifier only.
${suspicionSection(r.suspicion)}
## Reproducing

\`npm run models -- --only ${r.recipe.id}\` rebuilds both generators (they are measured together) from the same seeds.
With the same thread count on the same machine the weights repeat bit for bit; on another machine or onnxruntime
build, summation order may differ, and the numbers above should repeat within ± ${100 * CARD_TOLERANCE.foolRate} percentage points
(fool rates), ± ${CARD_TOLERANCE.ssim} (SSIM), ± ${CARD_TOLERANCE.psnr} dB (PSNR), ± ${CARD_TOLERANCE.radius} px and ± ${CARD_TOLERANCE.contrast} stored units (nodule size and contrast).
`;
}

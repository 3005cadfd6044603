/**
 * The attack catalogue: every attack (and, later, fake generator or physical perturbation) Aegis
 * offers, listed once, as plain data. Pure TypeScript: no `node:*`, no `electron`, no zod.
 *
 * Everything else is derived from this list: the contract's zod enums of method ids
 * (`labTypes.attackMethodSchema`, `boundedAttackMethodSchema`), the engine's implementation registry
 * (`electron/engine/attacks/registry.ts`, one entry per catalogue id, keyed by `id`; a catalogue id
 * without an implementation is a type error there, fails tests/engine/attacks/registry.test.ts and
 * throws "no implementation" at run time), request defaults (`attackDefaults`: lab, CLI, QA), CLI
 * usage text and `--method` parsing (`electron/cli/attackChoices.ts`), the lab's method menu
 * (`renderer/features/attack/attackMethods.ts`) and its preset menu (`attackPresets()`, the
 * `attacks.presets` call). The registry test fails when those lists and this one disagree.
 *
 * **Adding an attack = its implementation file, its catalogue entry, its test.**
 *  1. `electron/engine/attacks/<id>.ts`: `(problem, settings) => Promise<AttackOutcome>`, registered
 *     under the same `id` in `electron/engine/attacks/registry.ts`.
 *  2. An entry below (append; ids are lower-case, stable, and used in files, records and the CLI).
 *  3. A test under `tests/engine/attacks/` proving it does what its reference says.
 * Nothing else needs to change: the lab, the CLI, the jobs and the contract pick it up.
 *
 * Units: budgets (`eps`) and step sizes (`alpha`) are in normalised display units (eps 0.02 = 2 % of
 * the intensity window the model sees, ARCHITECTURE.md principle 2). An L2 budget is the Euclidean
 * norm over all pixels in those units.
 *
 * The shape is kept stable: new fields are added as optional, and existing ones keep their meaning.
 */

/** What an attack needs and makes. `gradient`: white-box, needs the model's input gradient (the compiled gradient graph). `query`: black-box, model outputs only. `generator`: synthesises an image (GAN/diffusion fakes). `physical`: a realistic acquisition change (noise, blur, compression, motion). `segmentation`: made for label maps. `universal`: one perturbation for many images. `transfer`: crafted on a surrogate model. */
export type AttackKind = 'gradient' | 'query' | 'generator' | 'physical' | 'segmentation' | 'universal' | 'transfer';

/** Norm of a perturbation budget. */
export type AttackNormId = 'linf' | 'l2';

/** The output kinds of a model an attack can run on (metadata.json output kinds, grouped). */
export type AttackTask = 'classification' | 'multilabel' | 'segmentation';

/**
 * Names of the tunable parameters an attack may read (the fields of `attackParamsSchema` and of the
 * engine's `AttackSettings`). Which apply to an attack is listed in its entry's `parameters`.
 */
export type AttackParameterName =
  | 'eps'
  | 'norm'
  | 'steps'
  | 'alpha'
  | 'restarts'
  | 'confidence'
  | 'initialConst'
  | 'searchSteps'
  | 'overshoot'
  | 'candidates'
  | 'targetClass'
  | 'finding'
  | 'seed'
  | 'queries'
  | 'basis'
  | 'amplitude'
  | 'order'
  | 'variance'
  | 'displacementMm'
  | 'grid'
  | 'diversity'
  | 'kernel';

/** Unit, range and words of one parameter, shared by every attack that reads it. */
export interface AttackParameterSpec {
  label: string;
  /** 'normalised' = normalised display units; 'count'; 'class index'; '' = unitless. */
  unit: string;
  /** Inclusive bounds; `null` = unbounded on that side. */
  min: number | null;
  max: number | null;
  integer: boolean;
  help: string;
}

/** Units and ranges of every parameter name (per-attack defaults live in the entries). */
export const ATTACK_PARAMETERS: Readonly<Record<AttackParameterName, AttackParameterSpec>> = {
  eps: { label: 'Budget ε', unit: 'normalised', min: 0, max: null, integer: false, help: 'Largest allowed perturbation in the chosen norm; L∞ at most 1 (the whole window).' },
  norm: { label: 'Norm', unit: '', min: null, max: null, integer: false, help: 'linf (per-pixel bound) or l2 (Euclidean over all pixels).' },
  steps: { label: 'Iterations', unit: 'count', min: 1, max: 10_000, integer: true, help: 'Gradient evaluations per restart (C&W: Adam steps per constant).' },
  alpha: { label: 'Step size α', unit: 'normalised', min: 0, max: null, integer: false, help: 'Step per iteration; C&W: the Adam learning rate.' },
  restarts: { label: 'Random restarts', unit: 'count', min: 1, max: 100, integer: true, help: 'Each restart starts from a fresh seeded random point in the ball.' },
  confidence: { label: 'Confidence κ', unit: 'logit', min: 0, max: null, integer: false, help: 'Margin the wrong class must win by.' },
  initialConst: { label: 'Initial constant c', unit: '', min: 0, max: null, integer: false, help: 'Weight of the misclassification term; binary-searched.' },
  searchSteps: { label: 'Binary-search steps', unit: 'count', min: 1, max: 100, integer: true, help: 'Rounds of the search over c.' },
  overshoot: { label: 'Overshoot', unit: '', min: 0, max: 1, integer: false, help: 'The total step is multiplied by (1 + overshoot) to cross the boundary.' },
  candidates: { label: 'Candidate classes', unit: 'count', min: 1, max: 1000, integer: true, help: 'How many of the top classes are considered.' },
  targetClass: { label: 'Target class', unit: 'class index', min: 0, max: null, integer: true, help: 'Targeted attack (segmentation: every pixel to that class).' },
  finding: { label: 'Finding', unit: 'class index', min: 0, max: null, integer: true, help: 'Multi-label models: the finding whose decision to flip.' },
  seed: { label: 'Seed', unit: '', min: null, max: null, integer: true, help: 'Seed of every random choice.' },
  queries: { label: 'Query budget', unit: 'count', min: 1, max: 1_000_000, integer: true, help: 'Most model queries (forward passes, one per candidate image) a black-box attack may spend.' },
  basis: { label: 'Basis', unit: '', min: null, max: null, integer: false, help: 'dct (low frequencies first) or pixel: the directions SimBA tries.' },
  amplitude: { label: 'Field amplitude', unit: 'fraction of intensity', min: 0, max: 0.99, integer: false, help: 'Largest |bias field − 1| anywhere: 0.1 = the intensity changes by at most 10 %.' },
  order: { label: 'Polynomial order', unit: 'count', min: 0, max: 10, integer: true, help: 'Total degree of the smooth field’s Legendre basis (3: 10 coefficients).' },
  variance: { label: 'Noise variance', unit: '', min: 0, max: 0.99, integer: false, help: 'Mean n² of the multiplicative noise x·(1 + n): 0.01 = standard deviation 0.1.' },
  displacementMm: { label: 'Displacement', unit: 'mm', min: 0, max: null, integer: false, help: 'Largest movement of any pixel, in mm (from Pixel Spacing or Imager Pixel Spacing).' },
  grid: { label: 'Control grid', unit: 'count', min: 1, max: 64, integer: true, help: 'Points per axis of the smooth field (elastic) or blocks per axis of the reduced attack space (ZOO).' },
  diversity: { label: 'Diversity probability', unit: '', min: 0, max: 1, integer: false, help: 'Chance per step of taking the gradient at a randomly resized and padded copy.' },
  kernel: { label: 'Kernel size', unit: 'pixels', min: 1, max: 63, integer: true, help: 'Side of the Gaussian kernel the gradient is smoothed with (odd).' },
};

/** A parameter an attack reads, with its default for that attack (absent = not set) and a note on it. */
export interface AttackParameterUse {
  default?: number | string;
  /** How the default is derived or what the attack does with it, in words (e.g. "2.5·eps/steps"). */
  note?: string;
}

/** Literature settings offered in the lab's preset menu; budgets in normalised display units. */
export interface AttackPresetEntry {
  /** Unique across the whole catalogue, e.g. "pgd-0.02". */
  id: string;
  label: string;
  /** Where the setting comes from, as the UI should cite it. */
  reference: string;
  params: {
    eps: number;
    norm: AttackNormId;
    steps: number;
    alpha?: number;
    restarts?: number;
    seed: number;
  };
}

/** One attack in the catalogue. */
export interface AttackCatalogueEntry {
  /** Stable lower-case id: the CLI's `--method`, the contract's method, the engine registry key. */
  id: string;
  /** Short name shown in menus. */
  label: string;
  kind: AttackKind;
  /** One sentence on what it does, for tooltips and `--help`. */
  summary: string;
  /** Norms it supports, the default first. */
  norms: readonly AttackNormId[];
  /** Model output kinds it runs on. */
  tasks: readonly AttackTask[];
  /** Whether eps bounds the result (false for minimum-norm attacks, which report the norm they needed). */
  epsBounded: boolean;
  /** Minimum-norm attack (C&W, DeepFool): searches for the smallest perturbation that flips the call. */
  minimumNorm: boolean;
  /** Defaults applied when a request leaves them out. `eps` is per norm (0 when eps does not bound the attack). */
  defaults: {
    steps: number;
    eps: Readonly<Record<AttackNormId, number>>;
    /** Iterations in batch evaluations that run the attack on every image (detect-eval, QA); default `steps`. */
    batchSteps?: number;
  };
  /** The parameters it reads (beyond the model and image), with per-attack defaults. */
  parameters: Readonly<Partial<Record<AttackParameterName, AttackParameterUse>>>;
  /** The paper that defines it. */
  reference: string;
  /** Literature settings for the preset menu, in menu order. */
  presets: readonly AttackPresetEntry[];
}

const BORTSOVA = 'Bortsova et al. 2021, "Adversarial attack vulnerability of medical image analysis systems" (Med. Image Anal.)';
const EPS = { linf: 0.02, l2: 1 } as const;
/** Minimum-norm attacks are not bounded by eps; their records carry 0. */
const NO_BUDGET = { linf: 0, l2: 0 } as const;
const COMMON = { seed: { default: 0 }, targetClass: {}, finding: {} } as const;

/** Every attack, in menu order. Append new entries; never reuse or rename an id. */
export const ATTACK_CATALOGUE = [
  {
    id: 'fgsm',
    label: 'FGSM',
    kind: 'gradient',
    summary: 'One step of size eps along the sign (L∞) or direction (L2) of the loss gradient.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 1, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' } },
    reference: 'Goodfellow, Shlens & Szegedy 2015, "Explaining and harnessing adversarial examples" (ICLR)',
    presets: [{ id: 'fgsm-0.02', label: 'FGSM, L∞ eps 0.02', reference: BORTSOVA, params: { eps: 0.02, norm: 'linf', steps: 1, seed: 0 } }],
  },
  {
    id: 'bim',
    label: 'BIM',
    kind: 'gradient',
    summary: 'FGSM repeated from the clean image, projected onto the eps-ball and the valid range after each step.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 10, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 10 }, alpha: { note: '1.25·eps/steps' } },
    reference: 'Kurakin, Goodfellow & Bengio 2017, "Adversarial examples in the physical world" (ICLR workshop)',
    presets: [],
  },
  {
    id: 'pgd',
    label: 'PGD',
    kind: 'gradient',
    summary: 'Projected gradient descent from a seeded random start in the eps-ball, with optional random restarts.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 10, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 10 }, alpha: { note: '2.5·eps/steps' }, restarts: { default: 1 } },
    reference: 'Madry et al. 2018, "Towards deep learning models resistant to adversarial attacks" (ICLR)',
    presets: [
      { id: 'pgd-0.02', label: 'PGD, L∞ eps 0.02, 10 steps', reference: 'Bortsova et al. 2021; Madry et al. 2018 (PGD, step 2.5·eps/steps)', params: { eps: 0.02, norm: 'linf', steps: 10, alpha: 0.005, seed: 0 } },
      {
        id: 'pgd-0.01',
        label: 'PGD, L∞ eps 0.01 (imperceptible)',
        reference: 'Small budgets that readers do not notice, as discussed by Finlayson et al. 2019 (Science) and Ma et al. 2021 (Pattern Recognit.); step 2.5·eps/steps (Madry et al. 2018)',
        params: { eps: 0.01, norm: 'linf', steps: 20, alpha: 0.00125, seed: 0 },
      },
      {
        id: 'pgd-0.005',
        label: 'PGD, L∞ eps 0.005 (imperceptible)',
        reference: 'Half of the budget above: how little it takes (same sources); step 2.5·eps/steps (Madry et al. 2018)',
        params: { eps: 0.005, norm: 'linf', steps: 20, alpha: 0.000625, seed: 0 },
      },
    ],
  },
  {
    id: 'mifgsm',
    label: 'MI-FGSM',
    kind: 'gradient',
    summary: 'Iterative FGSM with momentum (μ = 1) on the L1-normalised gradient.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 10, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 10 }, alpha: { note: 'eps/steps' } },
    reference: 'Dong et al. 2018, "Boosting adversarial attacks with momentum" (CVPR)',
    presets: [],
  },
  {
    id: 'cw',
    label: 'C&W-L2',
    kind: 'gradient',
    summary: 'Carlini–Wagner L2: Adam on a tanh-box variable, binary search over the constant c; the smallest successful perturbation.',
    norms: ['l2'],
    tasks: ['classification', 'multilabel'],
    epsBounded: false,
    minimumNorm: true,
    defaults: { steps: 100, eps: NO_BUDGET, batchSteps: 50 },
    parameters: {
      ...COMMON,
      steps: { default: 100 },
      alpha: { default: 0.01, note: 'Adam learning rate' },
      confidence: { default: 0 },
      initialConst: { default: 1 },
      searchSteps: { default: 5 },
    },
    reference: 'Carlini & Wagner 2017, "Towards evaluating the robustness of neural networks" (IEEE S&P)',
    presets: [{ id: 'cw-l2', label: 'C&W-L2 (minimum norm)', reference: 'Carlini & Wagner 2017, "Towards evaluating the robustness of neural networks"', params: { eps: 0, norm: 'l2', steps: 100, seed: 0 } }],
  },
  {
    id: 'deepfool',
    label: 'DeepFool',
    kind: 'gradient',
    summary: 'Steps to the nearest linearised decision boundary among the top classes, then overshoots it.',
    norms: ['l2', 'linf'],
    tasks: ['classification', 'multilabel'],
    epsBounded: false,
    minimumNorm: true,
    defaults: { steps: 50, eps: NO_BUDGET, batchSteps: 30 },
    parameters: { ...COMMON, norm: { default: 'l2' }, steps: { default: 50 }, overshoot: { default: 0.02 }, candidates: { default: 10 } },
    reference: 'Moosavi-Dezfooli, Fawzi & Frossard 2016, "DeepFool: a simple and accurate method to fool deep neural networks" (CVPR)',
    presets: [
      { id: 'deepfool', label: 'DeepFool (minimum norm, L2)', reference: 'Moosavi-Dezfooli et al. 2016, "DeepFool: a simple and accurate method to fool deep neural networks"', params: { eps: 0, norm: 'l2', steps: 50, seed: 0 } },
    ],
  },
  {
    id: 'square',
    label: 'Square',
    kind: 'query',
    summary: 'Black-box random search over square windows (forward passes only), keeping a candidate only when the margin falls.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 1, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, queries: { default: 3000 }, alpha: { default: 0.05, note: 'p_init: fraction of the image the first squares cover (L2: 0.1)' } },
    reference: 'Andriushchenko, Croitoru, Flammarion & Hein 2020, "Square Attack: a query-efficient black-box adversarial attack via random search" (ECCV)',
    presets: [{ id: 'square-0.01', label: 'Square, L∞ eps 0.01, 3,000 queries', reference: 'Andriushchenko et al. 2020 (p_init 0.05); budget as the PGD 0.01 preset', params: { eps: 0.01, norm: 'linf', steps: 1, seed: 0 } }],
  },
  {
    id: 'simba',
    label: 'SimBA',
    kind: 'query',
    summary: 'Black-box: tries ±α along random orthonormal directions (low-frequency DCT or pixels) and keeps what lowers the margin.',
    norms: ['l2', 'linf'],
    tasks: ['classification', 'multilabel'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 1, eps: { linf: 0.02, l2: 5 } },
    parameters: { ...COMMON, eps: {}, norm: { default: 'l2' }, queries: { default: 3000 }, basis: { default: 'dct' }, alpha: { default: 0.2, note: 'step along a unit-L2 basis vector' } },
    reference: 'Guo, Gardner, You, Wilson & Weinberger 2019, "Simple black-box adversarial attacks" (ICML)',
    presets: [],
  },
  {
    id: 'hopskipjump',
    label: 'HopSkipJump',
    kind: 'query',
    summary: 'Decision-only black-box: binary search to the boundary, Monte-Carlo normal estimate, geometric step; the smallest perturbation it finds.',
    norms: ['l2', 'linf'],
    tasks: ['classification', 'multilabel'],
    epsBounded: false,
    minimumNorm: true,
    defaults: { steps: 1, eps: NO_BUDGET },
    parameters: { ...COMMON, norm: { default: 'l2' }, queries: { default: 5000 }, overshoot: { default: 0.02, note: 'final push past the boundary so rounding to stored values keeps the flip' } },
    reference: 'Chen, Jordan & Wainwright 2020, "HopSkipJumpAttack: a query-efficient decision-based attack" (IEEE S&P)',
    presets: [],
  },
  {
    id: 'zoo',
    label: 'ZOO',
    kind: 'query',
    summary: 'Black-box zeroth-order optimisation: symmetric-difference gradient estimates of 128 coordinates per step (reduced attack space) and ADAM.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 1, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, queries: { default: 3000 }, alpha: { default: 0.01, note: 'ADAM learning rate' }, grid: { default: 32, note: 'reduced attack space: grid × grid blocks' }, confidence: { default: 0 } },
    reference: 'Chen, Zhang, Sharma, Yi & Hsieh 2017, "ZOO: zeroth order optimization based black-box attacks to deep neural networks without training substitute models" (AISec); used on ultrasound by Byra et al. 2020',
    presets: [],
  },
  {
    id: 'bias-field',
    label: 'Bias field',
    kind: 'physical',
    summary: 'A smooth multiplicative intensity field (low-order Legendre polynomials) optimised within an amplitude in % of intensity.',
    norms: ['linf'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: false,
    minimumNorm: false,
    defaults: { steps: 40, eps: NO_BUDGET },
    parameters: { ...COMMON, steps: { default: 40 }, amplitude: { default: 0.1 }, order: { default: 3 }, alpha: { note: '2.5/steps of the budget per step' } },
    reference: 'Tian, Guo, Juefei-Xu, Chan, Cheng, Li, Xie & Qin 2021, "Bias field poses a threat to DNN-based X-ray recognition" (ICME)',
    presets: [{ id: 'bias-field-10', label: 'Bias field, amplitude 10 %', reference: 'Tian et al. 2021 (smooth multiplicative field)', params: { eps: 0, norm: 'linf', steps: 40, seed: 0 } }],
  },
  {
    id: 'speckle',
    label: 'Speckle',
    kind: 'physical',
    summary: 'Multiplicative noise x·(1 + n) with an optimised pattern n whose variance stays within the budget.',
    norms: ['l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: false,
    minimumNorm: false,
    defaults: { steps: 40, eps: NO_BUDGET },
    parameters: { ...COMMON, steps: { default: 40 }, variance: { default: 0.01 }, alpha: { note: '2.5/steps of the budget per step' } },
    reference: 'Lal, Rehman, Shah, Meraj, Rauf, Damaševičius, Mohammed & Abdulkareem 2021, "Adversarial attack and defence through adversarial training and feature fusion for diabetic retinopathy recognition" (Sensors)',
    presets: [],
  },
  {
    id: 'elastic',
    label: 'Elastic deformation',
    kind: 'physical',
    summary: 'A smooth displacement field (control grid, bilinear) optimised so no pixel moves more than the budget in mm (from Pixel Spacing).',
    norms: ['l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: false,
    minimumNorm: false,
    defaults: { steps: 40, eps: NO_BUDGET },
    parameters: { ...COMMON, steps: { default: 40 }, displacementMm: { default: 2 }, grid: { default: 8, note: 'control points per axis' }, alpha: { note: '2.5/steps of the budget per step' } },
    reference: 'Chen, Bentley, Mori, Misawa, Fujiwara & Rueckert 2019, "Intelligent image synthesis to attack a segmentation CNN using adversarial learning" (SASHIMI, MICCAI workshop)',
    presets: [{ id: 'elastic-2mm', label: 'Elastic, 2 mm', reference: 'Chen et al. 2019 (geometric deformation)', params: { eps: 0, norm: 'l2', steps: 40, seed: 0 } }],
  },
  {
    id: 'asma',
    label: 'ASMA',
    kind: 'segmentation',
    summary: 'Adaptive segmentation mask attack: drives the predicted mask to a target mask (default: all background), spending the budget on pixels not yet there.',
    norms: ['linf', 'l2'],
    tasks: ['segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 50, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 50 }, alpha: { note: '2.5·eps/steps' }, targetClass: { default: 0, note: 'every pixel to this class' } },
    reference: 'Ozbulak, Van Messem & De Neve 2019, "Impact of adversarial examples on deep learning models for biomedical image segmentation" (MICCAI)',
    presets: [],
  },
  {
    id: 'dice-descent',
    label: 'Dice descent',
    kind: 'segmentation',
    summary: 'Untargeted PGD on the soft Dice loss against the clean mask.',
    norms: ['linf', 'l2'],
    tasks: ['segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 20, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 20 }, alpha: { note: '2.5·eps/steps' } },
    reference: 'Madry et al. 2018 (PGD) on the Dice loss, as the segmentation attacks reviewed by the seed paper (Ozbulak et al. 2019; Chen et al. 2019)',
    presets: [],
  },
  {
    id: 'feature',
    label: 'Feature space',
    kind: 'gradient',
    summary: 'Moves an intermediate layer’s features toward a guide image’s (or away from the clean ones) within the budget.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 20, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 20 }, alpha: { note: '2.5·eps/steps' } },
    reference: 'Wang, Shu, Wang, Feng, Zhang & Yi 2022, "A feature space-restricted attention attack on medical deep learning systems" (IEEE Trans. Cybern.)',
    presets: [],
  },
  {
    id: 'apgd',
    label: 'APGD (margin)',
    kind: 'gradient',
    summary: 'Auto-PGD with step-size halving at checkpoints and momentum, on a logit-margin loss defined for two-class and multi-label heads.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 100, eps: EPS, batchSteps: 50 },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 100 } },
    reference: 'Croce & Hein 2020, "Reliable evaluation of adversarial robustness with an ensemble of diverse parameter-free attacks" (ICML)',
    presets: [],
  },
  {
    id: 'ensemble',
    label: 'Worst case (APGD + Square)',
    kind: 'gradient',
    summary: 'AutoAttack-style worst case: APGD with the margin loss, then the Square attack where it failed; reports which won.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 100, eps: EPS, batchSteps: 50 },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 100 }, queries: { default: 3000 } },
    reference: 'Croce & Hein 2020 (AutoAttack: APGD + Square), with a margin loss instead of DLR for binary and multi-label heads',
    presets: [],
  },
  {
    id: 'difgsm',
    label: 'DI-FGSM',
    kind: 'transfer',
    summary: 'Momentum iterative FGSM on randomly resized-and-padded copies, for transfer from a surrogate model.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 10, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 10 }, diversity: { default: 0.5 }, alpha: { note: 'eps/steps' } },
    reference: 'Xie, Zhang, Zhou, Bai, Wang, Ren & Yuille 2019, "Improving transferability of adversarial examples with input diversity" (CVPR); no-box transfer as Bortsova et al. 2021',
    presets: [],
  },
  {
    id: 'tifgsm',
    label: 'TI-FGSM',
    kind: 'transfer',
    summary: 'Momentum iterative FGSM with the gradient smoothed by a Gaussian kernel (translation invariance), for transfer from a surrogate model.',
    norms: ['linf', 'l2'],
    tasks: ['classification', 'multilabel', 'segmentation'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 10, eps: EPS },
    parameters: { ...COMMON, eps: {}, norm: { default: 'linf' }, steps: { default: 10 }, kernel: { default: 7 }, alpha: { note: 'eps/steps' } },
    reference: 'Dong, Pang, Su & Zhu 2019, "Evading defenses to transferable adversarial examples by translation-invariant attacks" (CVPR); no-box transfer as Bortsova et al. 2021',
    presets: [],
  },
  {
    id: 'uap',
    label: 'Universal perturbation',
    kind: 'universal',
    summary: 'Adds one image-agnostic perturbation made by `aegis uap` (resampled to the image), then quantises and re-scores.',
    norms: ['linf'],
    tasks: ['classification', 'multilabel'],
    epsBounded: true,
    minimumNorm: false,
    defaults: { steps: 1, eps: { linf: 0.03, l2: 0 } },
    parameters: { ...COMMON, eps: { note: 'the perturbation’s largest |δ|' } },
    reference: 'Moosavi-Dezfooli, Fawzi, Fawzi & Frossard 2017, "Universal adversarial perturbations" (CVPR); trained by stochastic projected gradient as Shafahi et al. 2020 (AAAI)',
    presets: [],
  },
] as const satisfies readonly AttackCatalogueEntry[];

/** An attack id from the catalogue. */
export type AttackId = (typeof ATTACK_CATALOGUE)[number]['id'];

/** Every attack id, in menu order (a non-empty tuple, as `z.enum` wants it). */
export const ATTACK_IDS = ATTACK_CATALOGUE.map((e) => e.id) as unknown as readonly [AttackId, ...AttackId[]];

/** The attack a new request starts with, and the one the robustness-margin search probes with. */
export const DEFAULT_ATTACK_ID: AttackId = 'pgd';

/** Whether `id` names an attack in the catalogue. */
export function isAttackId(id: unknown): id is AttackId {
  return typeof id === 'string' && (ATTACK_IDS as readonly string[]).includes(id);
}

/** The catalogue entry of `id`; throws, naming the known ids, when there is none. */
export function attackEntry(id: string): AttackCatalogueEntry {
  const entry = (ATTACK_CATALOGUE as readonly AttackCatalogueEntry[]).find((e) => e.id === id);
  if (!entry) throw new Error(`unknown attack "${id}"; choose one of ${ATTACK_IDS.join(', ')}`);
  return entry;
}

/** The ids of the attacks eps bounds (those a budget sweep or margin search can probe with). */
export const EPS_BOUNDED_ATTACK_IDS: readonly AttackId[] = ATTACK_CATALOGUE.filter((e) => e.epsBounded).map((e) => e.id);

/**
 * The settings a request gets when it leaves them out: the attack's default norm (its first), the
 * default budget for that norm, its default iterations. `batch` picks the batch-evaluation steps.
 */
export function attackDefaults(id: string, norm?: AttackNormId, batch = false): { norm: AttackNormId; eps: number; steps: number } {
  const entry = attackEntry(id);
  const n = norm ?? entry.norms[0]!;
  return { norm: n, eps: entry.defaults.eps[n], steps: batch ? (entry.defaults.batchSteps ?? entry.defaults.steps) : entry.defaults.steps };
}

/** Every literature preset with its attack id, in menu order (catalogue order, then the entry's order). */
export function attackPresets(): { id: string; label: string; reference: string; params: AttackPresetEntry['params'] & { method: AttackId } }[] {
  return ATTACK_CATALOGUE.flatMap((e) => (e.presets as readonly AttackPresetEntry[]).map((p) => ({ id: p.id, label: p.label, reference: p.reference, params: { method: e.id, ...p.params } })));
}

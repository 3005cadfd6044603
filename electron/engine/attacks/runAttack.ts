import { compareImages, type ImageComparison } from '../metrics/compareImages';
import { perturbationNorms } from '../metrics/norms';
import { attackEntry, type AttackId } from '../../shared/attackCatalogue';
import type { AttackSpace } from './attackSpace';
import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { decide, goalLoss, goalReached, probabilities, type AttackGoal } from './goal';
import { evaluateMany, predictMany, type Objective } from './objective';
import { attackImplementation } from './registry';

/** An attack id of the attack catalogue (electron/shared/attackCatalogue). */
export type AttackMethod = AttackId;

/** An attack request: method, settings, and optionally a target class or target label map. */
export interface AttackRequest extends AttackSettings {
  method: AttackMethod;
  target?: number | Int32Array;
  segLoss?: 'ce' | 'dice';
  /** Multi-label model: attack finding `multilabelClass` (flip its decision, or reach `target` 0/1). */
  multilabelClass?: number;
  /** Transfer (no-box): craft on this surrogate model, then quantise and score on the target model. */
  surrogate?: Objective;
  /** Untargeted: the label to move away from (a class, or a label map for segmentation); default the model's clean decision. A QA session passes the true label, as robust-accuracy benchmarks do. */
  label?: number | Int32Array;
}

/** The model's view of one image: its decision and probabilities (softmax over the class axis; per-class sigmoid for multi-label, where the decision is the attacked finding's 0/1). */
export interface Scored {
  decision: number | Int32Array;
  probabilities: Float32Array;
}

/** Everything the user sees about one attack. Norm budgets are in normalised units. */
export interface AttackReport {
  method: AttackMethod;
  norm: AttackSettings['norm'];
  eps: number;
  seed: number;
  goal: AttackGoal;
  before: Scored;
  /** Scores of the float attack result, before quantisation to stored values. */
  afterFloat: Scored;
  /** Scores after quantisation: what the exported image produces. */
  after: Scored;
  successBeforeQuantisation: boolean;
  /** Whether the goal holds after quantisation. */
  success: boolean;
  /** Norms (stored and normalised units), SSIM and PSNR of the stored result vs the original; data range = one normalised unit. */
  metrics: ImageComparison;
  iterations: number;
  /** Query attacks: forward passes used. */
  queries?: number;
  /** Worst case over methods: the member attack whose result this is. */
  winner?: string;
  seconds: number;
  secondsPerIteration: number;
  /** The result: stored values (planar), normalised units, and the model input they produce. */
  stored: Float64Array;
  normalised: Float32Array;
  modelInput: Float32Array;
}

/** The model objective seen through an attack space: inputs are native images in normalised units. */
export function spaceObjective(model: Objective, space: AttackSpace): Objective {
  return {
    inputSize: space.x0.length,
    outputShape: model.outputShape,
    async evaluate(u, loss) {
      const ev = await model.evaluate(space.toModelInput(u), loss);
      return { ...ev, grad: space.backward(ev.grad, u) };
    },
    async evaluateBatch(us, losses) {
      const inputs = new Map<Float32Array, Float32Array>(); // DeepFool passes one point many times
      const evs = await evaluateMany(model, us.map((u) => inputs.get(u) ?? inputs.set(u, space.toModelInput(u)).get(u)!), losses);
      return evs.map((ev, i) => ({ ...ev, grad: space.backward(ev.grad, us[i]) }));
    },
    predict: (u) => model.predict(space.toModelInput(u)),
    predictBatch: (us) => predictMany(model, us.map((u) => space.toModelInput(u))),
    layer: model.layer
      ? async (name) => {
          const l = await model.layer!(name);
          return { ...spaceObjective(l, space), layerName: l.layerName };
        }
      : undefined,
    warmUp: model.warmUp ? (kinds) => model.warmUp!(kinds) : undefined,
  };
}

/**
 * Runs one attack in stored-pixel space (ARCHITECTURE.md principle 2): scores the clean image, runs
 * the method in normalised units, quantises to stored values within the budget and the valid range,
 * re-scores, and measures. Progress and cancellation come from `request.onProgress`/`request.signal`.
 */
export async function runAttack(model: Objective, space: AttackSpace, request: AttackRequest): Promise<AttackReport> {
  const attack = attackImplementation(request.method);
  const objective = spaceObjective(model, space);
  const shape = model.outputShape;
  const k = request.multilabelClass;
  if (k !== undefined && !(Number.isInteger(k) && k >= 0 && k < shape[0] && shape.length === 1)) {
    throw new Error(`finding ${k} is out of range: the model has ${shape[0]} classes (0…${shape[0] - 1})`);
  }
  const score = (logits: Float32Array): Scored =>
    k === undefined
      ? { decision: decide(logits, shape), probabilities: probabilities(logits, shape) }
      : { decision: logits[k] > 0 ? 1 : 0, probabilities: logits.map((z) => 1 / (1 + Math.exp(-z))) };
  const clean = await objective.predict(space.x0);
  const goal: AttackGoal = { label: request.label ?? score(clean).decision, target: request.target, segLoss: request.segLoss, multilabel: k === undefined ? undefined : { index: k } };
  const surrogate = request.surrogate;
  if (surrogate && (surrogate.inputSize !== model.inputSize || surrogate.outputShape.join('×') !== shape.join('×'))) {
    throw new Error(`the surrogate model takes [${surrogate.inputSize}] values and gives [${surrogate.outputShape.join(', ')}]; the target takes [${model.inputSize}] and gives [${shape.join(', ')}]: a transfer attack needs the same input and output shapes`);
  }
  const crafting = surrogate ? spaceObjective(surrogate, space) : objective;
  const geometry = { channels: space.channels, height: space.height, width: space.width };
  const problem: AttackProblem = { objective: crafting, x0: space.x0, lower: space.lower, upper: space.upper, goal, geometry, quantum: space.quantum };
  if (attack.loss !== 'none') await crafting.warmUp?.([attack.loss === 'goal' ? goalLoss(goal).loss.kind : attack.loss]);
  const started = performance.now();
  const outcome: AttackOutcome = await attack.run(problem, request);
  const seconds = (performance.now() - started) / 1000;
  // Crafted on a surrogate: the float result is scored by the target model too.
  const floatLogits = surrogate ? await objective.predict(outcome.x) : outcome.logits;
  const { stored, u } = space.quantise(outcome.x, attackEntry(request.method).epsBounded ? request.eps : undefined, request.norm);
  const modelInput = Float32Array.from(space.toModelInput(u));
  const after = await model.predict(modelInput);
  const original = space.quantise(space.x0, undefined, request.norm).stored;
  return {
    method: request.method,
    norm: request.norm,
    eps: request.eps,
    seed: request.seed,
    goal,
    before: score(clean),
    afterFloat: score(floatLogits),
    after: score(after),
    successBeforeQuantisation: surrogate ? goalReached(floatLogits, shape, goal) : outcome.success,
    success: goalReached(after, shape, goal),
    metrics: measure(original, stored, space),
    iterations: outcome.iterations,
    queries: outcome.queries,
    winner: outcome.winner,
    seconds,
    secondsPerIteration: outcome.iterations > 0 ? seconds / outcome.iterations : 0,
    stored,
    normalised: u,
    modelInput,
  };
}

/** Norms over all values; SSIM and PSNR averaged over channel planes. */
function measure(a: Float64Array, b: Float64Array, space: AttackSpace): ImageComparison {
  const plane = space.width * space.height;
  const planes = Math.max(1, Math.round(a.length / plane));
  let ssimSum = 0;
  let psnrSum = 0;
  for (let c = 0; c < planes; c++) {
    const m = compareImages(a.subarray(c * plane, (c + 1) * plane), b.subarray(c * plane, (c + 1) * plane), space.width, space.height, space.storedPerUnit);
    ssimSum += m.ssim;
    psnrSum += m.psnr;
  }
  return { ...perturbationNorms(a, b, space.storedPerUnit), ssim: ssimSum / planes, psnr: psnrSum / planes, dataRange: space.storedPerUnit };
}

/**
 * Public API of the ONNX gradient compiler (engine/autodiff).
 *
 * One compiled ONNX model returns, in ONE onnxruntime run: the forward outputs, a per-sample loss
 * `aegis_loss` [N], and the gradient of Σᵢ wᵢ·lossᵢ with respect to the input (`aegis_grad:<input>`),
 * optional intermediate tensors (`wrt`) and optional initializers (`params`, turned into inputs).
 * Everything is in standard ONNX ops (the model is moved to opset ≥ 18), so it runs on any
 * execution provider. Compiling probes shapes once in onnxruntime (give `inputShape` when the
 * model's spatial dims are dynamic) and is cached on disk by model hash + options.
 *
 * Typical use (attacks, saliency):
 * ```ts
 * const runner = await GradientRunner.create(loadModel('m.onnx'), { loss: 'ce' });
 * const r = await runner.run(x, [1, 1, 224, 224], { labels: [3] });
 * r.loss;         // Float32Array [N]: per-sample CE
 * r.grad;         // Float32Array, shape of x: ∂(Σ w·CE)/∂x
 * r.outputs[runner.info.output]; // { data, dims } the differentiated tensor (logits)
 * ```
 * `runner.info.output` is the tensor the loss reads: the first output, or — when the outputs end
 * in non-differentiable post-processing (NonZero/GatherND/ScatterND) — the last differentiable
 * tensor before it (`info.outputChoice === 'auto'`, `info.outputReason` says why; the
 * post-processing is then left out of the gradient model). Labels are checked against
 * `info.outputShape[1]` classes; inputs must be finite float32.
 * Targeted attack: `weights: [-1]` (descend the CE to the target). Batch: stack N images in x
 * (SmoothGrad/IG); dynamic batch is kept when the model allows (`runner.info.dynamicBatch`).
 * Grad-CAM: `{ loss: 'logit', wrt: ['layer4_out'] }` then `r.grads['layer4_out']` and
 * `r.outputs['layer4_out']` (wrt tensors are also forward outputs).
 * Training: `{ loss: 'ce', params: 'all' }`; `r.grads[initName]` per initializer; update with
 * `runner.setParam(name, data)`; `runner.params()` gives current values; `applyParams(model, runner.params())`
 * returns the model with them written back (then `encodeModel` from engine/onnx to save it).
 *
 * Errors: an op without a gradient rule on the path is reported by `compileGradientModel` before
 * anything runs ("Unsupported op(s) for gradients: Foo (node 'bar')"). {@link describeModel} gives
 * the same information for `aegis info`.
 */
export { compileGradientModel, type CompiledGradientModel } from './compile';
export { GradientRunner, type FloatTensor, type GradientRunResult, type RunnerOptions, type Seeds } from './runner';
export { describeModel, type ModelDescription } from './describe';
export { defaultCacheDir } from './cache';
export { applyParams } from './applyParams';
export { NAMES, type GradientModelInfo, type GradientOptions, type LossKind } from './types';
export { supportedOps } from './registry';

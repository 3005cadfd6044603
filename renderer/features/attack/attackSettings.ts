/**
 * How the attack lab's settings change, so no setting leaks from one run into the next: a preset sets
 * every field; choosing a method or a norm resets what belongs to the previous one (eps, steps, step
 * size) to the catalogue's defaults; and an L2 budget sized like an L∞ one is called out. Pure
 * functions over the attack catalogue.
 */
import { attackDefaults, attackEntry, type AttackNormId } from '../../../electron/shared/attackCatalogue';
import type { AttackParams, AttackPreset } from '../../../electron/shared/labTypes';

/** Every field of a preset's run: nothing of the current settings survives (targeted → untargeted, alpha → the preset's or the method default). */
export function presetParams(preset: AttackPreset): AttackParams {
  const { method, eps, norm, steps, alpha, restarts, seed } = preset.params;
  return { method, eps, norm, steps, alpha, restarts, seed, targetClass: undefined, finding: undefined };
}

/** Settings after choosing `method`: its default norm (or the current one when it supports it), eps and steps; step size back to the method's default. */
export function paramsForMethod(current: AttackParams, method: AttackParams['method']): AttackParams {
  const entry = attackEntry(method);
  const norm = current.norm && (entry.norms as readonly string[]).includes(current.norm) ? (current.norm as AttackNormId) : undefined;
  return { ...current, method, ...attackDefaults(method, norm), alpha: undefined, restarts: undefined };
}

/** Settings after choosing `norm`: eps and step size back to that norm's defaults (an L∞ eps of 0.02 is a no-op as an L2 budget). */
export function paramsForNorm(current: AttackParams, norm: AttackNormId): AttackParams {
  return { ...current, norm, eps: attackDefaults(current.method, norm).eps, alpha: undefined };
}

/**
 * A warning when the budget cannot do what the user likely means, or null: an L2 eps is spread over
 * every pixel, so for an image of `pixels` pixels the per-pixel change is about eps/√pixels.
 * Below 1/4096 of the window per pixel (under one grey level of a 12-bit image) the attack cannot
 * change the stored image.
 */
export function budgetWarning(params: AttackParams, pixels: number | null): string | null {
  const entry = attackEntry(params.method);
  if (!entry.epsBounded || params.norm !== 'l2' || params.eps === undefined || !pixels) return null;
  const perPixel = params.eps / Math.sqrt(pixels);
  if (perPixel >= 1 / 4096) return null;
  return (
    `An L2 budget of ${params.eps} spreads over all ${pixels.toLocaleString('en-US')} pixels: about ${perPixel.toExponential(1)} of the window per pixel, ` +
    `below one grey level, so the attack cannot change the image. L2 budgets are usually ${(Math.sqrt(pixels) * 0.005).toPrecision(2)} or more here.`
  );
}

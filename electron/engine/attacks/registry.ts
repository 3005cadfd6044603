/**
 * The engine's attack implementations, keyed by attack-catalogue id (electron/shared/attackCatalogue),
 * as the gradient compiler keys its rules by op type (../autodiff/registry). The catalogue says what an
 * attack is; this table says which function runs it. A catalogue id with no entry here is a type error
 * (`Record<AttackId, …>`), fails tests/engine/attacks/registry.test.ts, and throws a plain-words error
 * naming the id if it is ever asked for.
 */
import { ATTACK_CATALOGUE, type AttackCatalogueEntry, type AttackId } from '../../shared/attackCatalogue';
import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { bim } from './bim';
import { cw } from './cw';
import { deepfool } from './deepfool';
import { fgsm } from './fgsm';
import { mifgsm } from './mifgsm';
import type { AttackLoss } from './objective';
import { pgd } from './pgd';
import { apgd } from './apgd';
import { asma } from './asma';
import { biasField } from './biasField';
import { diceDescent } from './diceDescent';
import { elastic } from './elastic';
import { ensemble } from './ensemble';
import { feature } from './feature';
import { hopSkipJump } from './hopSkipJump';
import { simba } from './simba';
import { speckle } from './speckle';
import { square } from './square';
import { difgsm, tifgsm } from './transferFgsm';
import { applyUniversal } from './universal';
import { zoo } from './zoo';

/**
 * How the engine runs one attack: `run` works in attack space (normalised units); `loss` is the
 * gradient the attack asks the objective for, so the session can warm that graph up first ('goal' =
 * the loss the attack goal implies: cross-entropy, Dice, logit…; 'none' = forward passes only, so a
 * model the gradient compiler cannot differentiate still runs it).
 */
export interface AttackImplementation {
  run: (problem: AttackProblem, settings: AttackSettings) => Promise<AttackOutcome>;
  loss: 'goal' | 'none' | AttackLoss['kind'];
}

const IMPLEMENTATIONS: Readonly<Record<AttackId, AttackImplementation>> = {
  fgsm: { run: fgsm, loss: 'goal' },
  bim: { run: bim, loss: 'goal' },
  pgd: { run: pgd, loss: 'goal' },
  mifgsm: { run: mifgsm, loss: 'goal' },
  cw: { run: cw, loss: 'margin' },
  deepfool: { run: deepfool, loss: 'cotangent' },
  square: { run: square, loss: 'none' },
  simba: { run: simba, loss: 'none' },
  hopskipjump: { run: hopSkipJump, loss: 'none' },
  zoo: { run: zoo, loss: 'none' },
  'bias-field': { run: biasField, loss: 'goal' },
  speckle: { run: speckle, loss: 'goal' },
  elastic: { run: elastic, loss: 'goal' },
  asma: { run: asma, loss: 'cotangent' },
  'dice-descent': { run: diceDescent, loss: 'dice' },
  feature: { run: feature, loss: 'none' },
  apgd: { run: apgd, loss: 'margin' },
  ensemble: { run: ensemble, loss: 'margin' },
  difgsm: { run: difgsm, loss: 'goal' },
  tifgsm: { run: tifgsm, loss: 'goal' },
  uap: { run: applyUniversal, loss: 'none' },
};

/** Catalogue ids that `implementations` does not cover (empty when every attack can run). */
export function missingImplementations(
  catalogue: readonly Pick<AttackCatalogueEntry, 'id'>[] = ATTACK_CATALOGUE,
  implementations: Readonly<Record<string, AttackImplementation | undefined>> = IMPLEMENTATIONS,
): string[] {
  return catalogue.map((e) => e.id).filter((id) => !implementations[id]);
}

/** The implementation of catalogue id `id`; throws when the id is unknown or has no implementation. */
export function attackImplementation(id: string): AttackImplementation {
  const impl = (IMPLEMENTATIONS as Readonly<Record<string, AttackImplementation | undefined>>)[id];
  if (impl) return impl;
  const known = ATTACK_CATALOGUE.some((e) => e.id === id);
  throw new Error(
    known
      ? `attack "${id}" is in the attack catalogue but the engine has no implementation for it (add it to electron/engine/attacks/registry.ts)`
      : `unknown attack "${id}"; choose one of ${Object.keys(IMPLEMENTATIONS).join(', ')}`,
  );
}

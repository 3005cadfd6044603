/**
 * The attack catalogue as the CLI shows it: method lists, default iterations and the minimum-norm
 * note for usage texts, and `--method` / `--attack` parsing with the catalogue's ids. Nothing here
 * names an attack: a new catalogue entry appears in every command's usage and accepted values.
 */
import { ATTACK_CATALOGUE, ATTACK_IDS, isAttackId, type AttackCatalogueEntry, type AttackId } from '../shared/attackCatalogue';
import { UsageError } from './command';

const entries = ATTACK_CATALOGUE as readonly AttackCatalogueEntry[];

/** "fgsm|bim|…" for a usage line. */
export const ATTACK_CHOICES = ATTACK_IDS.join('|');

/** "fgsm, bim, …" for a sentence. */
export const ATTACK_IDS_TEXT = ATTACK_IDS.join(', ');

/** "fgsm 1, bim 10, …": default iterations per method (`batch`: in batch evaluations). */
export function defaultStepsText(batch = false): string {
  return entries.map((e) => `${e.id} ${batch ? (e.defaults.batchSteps ?? e.defaults.steps) : e.defaults.steps}`).join(', ');
}

/** "C&W-L2 and DeepFool are minimum-norm attacks" (or the one), for the usage texts. */
export function minimumNormText(): string {
  const labels = entries.filter((e) => e.minimumNorm).map((e) => e.label);
  if (labels.length === 0) return '';
  return labels.length === 1 ? `${labels[0]} is a minimum-norm attack` : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)} are minimum-norm attacks`;
}

/** `raw` as an attack id; a UsageError listing the ids (as `prefix must be one of …`) otherwise. */
export function parseAttackId(raw: string | undefined, prefix: string): AttackId {
  if (!isAttackId(raw)) throw new UsageError(`${prefix} must be one of ${ATTACK_IDS_TEXT}`);
  return raw;
}

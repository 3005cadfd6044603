/**
 * The attack lab's method menu, derived from the attack catalogue (electron/shared/attackCatalogue):
 * a new catalogue entry appears here with no renderer change.
 */
import { ATTACK_CATALOGUE, attackDefaults, attackEntry, DEFAULT_ATTACK_ID, type AttackCatalogueEntry, type AttackId } from '../../../electron/shared/attackCatalogue';
import type { AttackParams } from '../../../electron/shared/labTypes';

/** One menu entry: the catalogue id (the value sent), its label and its one-line summary (tooltip). */
export interface LabAttackMethodOption {
  id: AttackId;
  label: string;
  summary: string;
}

/** Every attack the lab offers, in catalogue order. */
export const LAB_ATTACK_METHODS: readonly LabAttackMethodOption[] = (ATTACK_CATALOGUE as readonly (AttackCatalogueEntry & { id: AttackId })[]).map((e) => ({ id: e.id, label: e.label, summary: e.summary }));

/** The settings the lab starts with: the default attack with its catalogue defaults, seed 0. */
export function initialAttackParams(): AttackParams {
  return { method: DEFAULT_ATTACK_ID, ...attackDefaults(DEFAULT_ATTACK_ID), seed: 0 };
}

/** The attack the margin search probes with: the chosen one when eps bounds it, else the default attack. */
export function marginMethod(method: AttackId): AttackId {
  return attackEntry(method).epsBounded ? method : DEFAULT_ATTACK_ID;
}

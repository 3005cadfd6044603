/** A stored attack as a result header states it: what ran, not what was asked (shared by the compare view and the attack history). */
import { attackEntry } from '../../electron/shared/attackCatalogue';
import type { AttackRecord } from '../../electron/shared/labTypes';

/** What ran, for a result header: "PGD L∞ eps 0.02, 10 steps, seed 0", "FGSM L∞ eps 0.02, one step", "C&W-L2 minimum norm (L2 0.84 needed)". */
export function describeRun(record: AttackRecord): string {
  const { params } = record;
  const entry = attackEntry(params.method);
  const norm = params.norm === 'l2' ? 'L2' : 'L∞';
  const achieved = params.norm === 'l2' ? record.norms.normalised.l2 : record.norms.normalised.linf;
  const budget = entry.epsBounded ? `eps ${params.eps}` : `minimum norm (${norm} ${Number(achieved.toPrecision(3))} needed)`;
  const steps = 'steps' in entry.parameters ? `${params.steps} steps` : 'one step';
  const name = entry.norms.length > 1 ? `${entry.label} ${norm}` : entry.label;
  return `${name} ${budget}, ${steps}, seed ${params.seed}${params.targetClass !== undefined ? `, targeted at ${record.classes[params.targetClass] ?? params.targetClass}` : ''}`;
}

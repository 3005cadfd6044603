import type { MrmcDataset } from './imrmcFile';

/** How cases relate to modalities: every case read in every modality, or each case in exactly one. */
export type MrmcDesignKind = 'crossed' | 'nested';

/** Ratings arranged for an OR analysis: modality × reader, each split into negatives and positives. */
export interface MrmcDesign {
  kind: MrmcDesignKind;
  modalities: string[];
  readers: string[];
  /** Per modality: the case ids of its truth-negative and truth-positive cases, in file order. */
  caseSets: { negatives: number[]; positives: number[] }[];
  /** ratings[i][j]: scores of reader j in modality i, aligned with caseSets[i]. */
  ratings: { negatives: Float64Array; positives: Float64Array }[][];
}

/**
 * Arranges an iMRMC dataset for the Obuchowski–Rockette analysis. Every reader must score every case
 * of a modality (fully crossed within a modality); across modalities the case sets are either the
 * same (`crossed`) or disjoint (`nested`, cases within modalities — e.g. different images per
 * manipulation). Anything else is refused with what is missing.
 */
export function buildMrmcDesign(data: MrmcDataset): MrmcDesign {
  const truth = new Map(data.cases.map((c) => [c.id, c.truth]));
  const { modalities, readers } = data;
  if (modalities.length === 0 || readers.length === 0) throw new RangeError('the data have no scores: nothing to analyse');
  const byKey = new Map<string, number>();
  const casesOf = modalities.map(() => new Set<number>());
  for (const s of data.scores) {
    byKey.set(`${modalities.indexOf(s.modality)}|${readers.indexOf(s.reader)}|${s.caseId}`, s.score);
    casesOf[modalities.indexOf(s.modality)].add(s.caseId);
  }
  const caseSets = modalities.map((m, i) => {
    const ids = data.cases.map((c) => c.id).filter((id) => casesOf[i].has(id));
    const negatives = ids.filter((id) => truth.get(id) === 0);
    const positives = ids.filter((id) => truth.get(id) === 1);
    if (negatives.length < 2 || positives.length < 2) {
      throw new RangeError(`modality ${m} has ${negatives.length} negative and ${positives.length} positive cases; the analysis needs at least 2 of each`);
    }
    return { negatives, positives };
  });
  const ratings = modalities.map((m, i) =>
    readers.map((r, j) => {
      const pick = (ids: number[]) =>
        Float64Array.from(ids, (id) => {
          const v = byKey.get(`${i}|${j}|${id}`);
          if (v === undefined) {
            throw new RangeError(`reader ${r} has no score for case ${id} in modality ${m}; the OR analysis needs every reader to score every case of a modality`);
          }
          return v;
        });
      return { negatives: pick(caseSets[i].negatives), positives: pick(caseSets[i].positives) };
    }),
  );
  return { kind: designKind(caseSets.map((s) => [...s.negatives, ...s.positives]), modalities), modalities, readers, caseSets, ratings };
}

function designKind(sets: number[][], modalities: string[]): MrmcDesignKind {
  if (sets.length === 1) return 'crossed';
  const first = new Set(sets[0]);
  if (sets.every((s) => s.length === first.size && s.every((id) => first.has(id)))) return 'crossed';
  const owner = new Map<number, number>();
  sets.forEach((s, i) =>
    s.forEach((id) => {
      const other = owner.get(id);
      if (other !== undefined) {
        throw new RangeError(
          `case ${id} is read in modalities ${modalities[other]} and ${modalities[i]} but other cases are not read in both: the design must be fully crossed (all cases in all modalities) or nested (each case in one modality)`,
        );
      }
      owner.set(id, i);
    }),
  );
  return 'nested';
}

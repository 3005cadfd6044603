import type { StudyCase, StudyDesign } from '../../shared/readerStudyTypes';

/**
 * Expands a design into its cases: each source appears in `conditionsPerSource` conditions, rotated
 * over the sources (source i takes conditions i·k … i·k + k − 1 modulo the number of conditions) so
 * every condition gets an equal share. Case ids count from 1 (test cases first, then training), in
 * source order then condition order, so the same design always gives the same ids.
 *
 * @throws RangeError when the design asks for more conditions per source than it has
 */
export function designCases(design: StudyDesign): StudyCase[] {
  const c = design.conditions.length;
  const k = design.conditionsPerSource;
  if (k > c) throw new RangeError(`each source is to appear in ${k} conditions, but the study has only ${c}`);
  const ids = new Set<string>();
  for (const cond of design.conditions) {
    if (ids.has(cond.id)) throw new RangeError(`condition id "${cond.id}" is used twice; give each condition its own id`);
    ids.add(cond.id);
  }
  if (!design.conditions.some((x) => x.kind === 'clean')) throw new RangeError('a study needs the clean condition (the real images readers compare against)');
  const seen = new Set<string>();
  const cases: StudyCase[] = [];
  const expand = (sources: StudyDesign['sources'], caseSet: 'test' | 'training') =>
    sources.forEach((s, i) => {
      if (seen.has(s.imageId)) throw new RangeError(`image ${s.imageId} is listed twice among the sources`);
      seen.add(s.imageId);
      const picked = Array.from({ length: k }, (_, j) => (i * k + j) % c).sort((a, b) => a - b);
      for (const ci of picked) {
        const cond = design.conditions[ci];
        cases.push({
          caseId: cases.length + 1,
          caseSet,
          sourceImageId: s.imageId,
          conditionId: cond.id,
          truth: cond.kind === 'clean' ? 0 : 1,
          truthDiagnosis: s.truthDiagnosis,
          truthPoints: s.truthPoints,
          imageId: cond.kind === 'clean' ? s.imageId : null,
        });
      }
    });
  expand(design.sources, 'test');
  expand(design.trainingSources, 'training');
  return cases;
}

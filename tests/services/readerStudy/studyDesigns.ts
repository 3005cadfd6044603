// A small reader-study design for tests: n sources, clean + PGD + FGSM, two readers, warned test phase.
import type { StudyDesign } from '../../../electron/shared/readerStudyTypes';

/** A design over `n` made-up source image ids; override any field. */
export function testDesign(n = 6, over: Partial<StudyDesign> = {}): StudyDesign {
  return {
    name: 'Spot the fakes',
    sources: Array.from({ length: n }, (_, i) => ({ imageId: `aegis:src${i}:0`, truthDiagnosis: i % 2 ? 'nodule' : 'normal', truthPoints: [[10 + i, 20]] as [number, number][] })),
    trainingSources: [],
    conditions: [
      { kind: 'clean', id: 'clean' },
      { kind: 'attack', id: 'pgd-0.02', method: 'pgd', eps: 0.02, steps: 10, seed: 1 },
      { kind: 'attack', id: 'fgsm-0.02', method: 'fgsm', eps: 0.02 },
    ],
    conditionsPerSource: 3,
    allowSameSource: true,
    readers: [
      { id: 'r1', name: 'Reader one' },
      { id: 'r2', name: 'Reader two' },
    ],
    seed: 42,
    phases: [{ id: 'warned', label: 'Warned', kind: 'test', warned: true, caseSet: 'test' }],
    questions: { confidenceScale: '5-point', diagnosisClasses: ['normal', 'nodule'], marks: { enabled: true, radiusPx: 5 }, freeText: true },
    modelId: null,
    toolsAllowed: true,
    allowGoBack: false,
    ...over,
  };
}

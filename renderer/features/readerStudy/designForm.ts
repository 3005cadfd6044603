/**
 * The Design form's values and the study design they make: clean plus chosen catalogue attacks at
 * their budgets, a list of readers, a seed, one warned test phase with a 5-point confidence scale.
 */
import { ATTACK_CATALOGUE } from '../../../electron/shared/attackCatalogue';
import { studyDesignSchema, type StudyDesign } from '../../../electron/shared/readerStudyTypes';

/** One attack condition chosen in the form: catalogue id and L∞ budget (fraction of the model's window). */
export interface ConditionChoice {
  method: string;
  eps: number;
}

/** What the coordinator fills in. */
export interface DesignFormValues {
  name: string;
  /** Workspace image ids of the chosen source images. */
  sources: string[];
  attacks: ConditionChoice[];
  /** Reader ids, as typed (comma or space separated). */
  readers: string;
  seed: number;
  modelId: string | null;
  diagnosisClasses: string[];
  /** Unwarned phase first (no "manipulated?" question), then warned. */
  unwarnedFirst: boolean;
}

/** Catalogue attacks that bound eps and run on classifiers: the ones a study can generate. */
export const STUDY_ATTACKS = ATTACK_CATALOGUE.filter((a) => a.epsBounded && (a.tasks as readonly string[]).includes('classification') && (a.kind === 'gradient' || a.kind === 'query'));

/** A condition id for an attack at a budget, e.g. "pgd-0.02". */
export function conditionId(c: ConditionChoice): string {
  return `${c.method}-${c.eps}`;
}

/** Reader ids parsed from the form's text; each becomes its own name. */
export function parseReaders(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((s) => s.length > 0))];
}

/** The design the form describes, validated; throws an Error with plain words when it is not valid. */
export function buildDesign(v: DesignFormValues): StudyDesign {
  if (v.sources.length === 0) throw new Error('Choose at least one source image.');
  if (v.attacks.length === 0) throw new Error('Choose at least one attack condition besides clean.');
  const readers = parseReaders(v.readers);
  if (readers.length === 0) throw new Error('Name at least one reader (ids of letters, digits, - or _).');
  const ids = v.attacks.map(conditionId);
  if (new Set(ids).size !== ids.length) throw new Error(`Two conditions share an id (${ids.join(', ')}): give them different budgets.`);
  const warned = { id: 'warned', label: 'Warned', kind: 'test' as const, warned: true, caseSet: 'test' as const };
  const design = {
    name: v.name.trim(),
    sources: v.sources.map((imageId) => ({ imageId, truthDiagnosis: null, truthPoints: [] })),
    trainingSources: [],
    conditions: [{ kind: 'clean' as const, id: 'clean' as const }, ...v.attacks.map((a) => ({ kind: 'attack' as const, id: conditionId(a), method: a.method, eps: a.eps }))],
    conditionsPerSource: v.attacks.length + 1,
    allowSameSource: true,
    readers: readers.map((id) => ({ id, name: id })),
    seed: v.seed,
    phases: v.unwarnedFirst ? [{ id: 'unwarned', label: 'Unwarned', kind: 'test' as const, warned: false, caseSet: 'test' as const }, warned] : [warned],
    questions: { confidenceScale: '5-point' as const, diagnosisClasses: v.diagnosisClasses, marks: { enabled: false, radiusPx: 10 }, freeText: false },
    modelId: v.modelId,
    toolsAllowed: true,
    allowGoBack: false,
  };
  const parsed = studyDesignSchema.safeParse(design);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

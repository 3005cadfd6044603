/**
 * Reader studies in the workspace database (schema v6): create a study from its design (cases and
 * every reader's per-phase order are fixed at creation), record answers one transaction each, and
 * say where a reader resumes. Validation errors are plain sentences for the coordinator or reader.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { studyAnswerSchema, studyDesignSchema, type StudyAnswer, type StudyCase, type StudyDesign } from '../../shared/readerStudyTypes';
import { designCases } from './designCases';
import { readerSeed, readingOrder } from './readingOrder';

/** A stored study. */
export interface StoredStudy {
  studyId: string;
  design: StudyDesign;
  cases: StudyCase[];
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** An answer as stored, with who gave it. */
export interface StoredAnswer extends StudyAnswer {
  readerId: string;
  /** Milliseconds since the epoch when it was committed. */
  answeredAt: number;
}

/** Where a reader stands: the case to show next (null when finished) and progress over all phases. */
export interface ReaderPosition {
  phaseId: string | null;
  caseId: number | null;
  /** Answers given so far over all phases, and cases to read in all. Shown as "answered + 1 / total". */
  answered: number;
  total: number;
}

interface CaseRow {
  case_id: number;
  case_set: 'test' | 'training';
  source_image_id: string;
  condition_id: string;
  truth: 0 | 1;
  truth_json: string;
  image_id: string | null;
}

/** Reader-study records over an open workspace database. */
export class ReaderStudyStore {
  constructor(private readonly db: Database.Database) {}

  /** Validates a design, expands its cases and every reader's orders, and stores them in one transaction. Returns the study id. */
  createStudy(input: unknown, now = Date.now()): string {
    const parsed = studyDesignSchema.safeParse(input);
    if (!parsed.success) throw new RangeError(`The study design is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'design'}: ${i.message}`).join('; ')}`);
    const design = parsed.data;
    const readerIds = new Set<string>();
    for (const r of design.readers) {
      if (readerIds.has(r.id)) throw new RangeError(`reader id "${r.id}" is used twice`);
      readerIds.add(r.id);
    }
    const phaseIds = new Set(design.phases.map((p) => p.id));
    if (phaseIds.size !== design.phases.length) throw new RangeError('two phases have the same id');
    if (design.phases.some((p) => p.caseSet === 'training') && design.trainingSources.length === 0) throw new RangeError('a training phase needs training sources');
    const cases = designCases(design);
    const studyId = randomUUID();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO reader_studies (study_id, name, design_json, created_at) VALUES (?, ?, ?, ?)').run(studyId, design.name, JSON.stringify(design), now);
      const insertCase = this.db.prepare(
        'INSERT INTO reader_study_cases (study_id, case_id, case_set, source_image_id, condition_id, truth, truth_json, image_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const c of cases) {
        insertCase.run(studyId, c.caseId, c.caseSet, c.sourceImageId, c.conditionId, c.truth, JSON.stringify({ diagnosis: c.truthDiagnosis, points: c.truthPoints }), c.imageId);
      }
      const insertOrder = this.db.prepare('INSERT INTO reader_study_orders (study_id, reader_id, phase_id, order_json) VALUES (?, ?, ?, ?)');
      design.readers.forEach((reader, ri) => {
        for (const phase of design.phases) {
          const phaseCases = cases.filter((c) => c.caseSet === phase.caseSet);
          const order = readingOrder(phaseCases, ri, readerSeed(design.seed, reader.id, phase.id), design.allowSameSource);
          insertOrder.run(studyId, reader.id, phase.id, JSON.stringify(order));
        }
      });
    })();
    return studyId;
  }

  /** Every study, newest first. */
  listStudies(): { studyId: string; name: string; createdAt: number }[] {
    return (this.db.prepare('SELECT study_id, name, created_at FROM reader_studies ORDER BY created_at DESC').all() as { study_id: string; name: string; created_at: number }[]).map((r) => ({
      studyId: r.study_id,
      name: r.name,
      createdAt: r.created_at,
    }));
  }

  /** A study with its cases. @throws when there is no such study */
  getStudy(studyId: string): StoredStudy {
    const row = this.db.prepare('SELECT design_json, created_at FROM reader_studies WHERE study_id = ?').get(studyId) as { design_json: string; created_at: number } | undefined;
    if (!row) throw new RangeError(`There is no reader study "${studyId}" in this workspace.`);
    const cases = (this.db.prepare('SELECT * FROM reader_study_cases WHERE study_id = ? ORDER BY case_id').all(studyId) as CaseRow[]).map((r): StudyCase => {
      const truth = JSON.parse(r.truth_json) as { diagnosis: string | null; points: [number, number][] };
      return {
        caseId: r.case_id,
        caseSet: r.case_set,
        sourceImageId: r.source_image_id,
        conditionId: r.condition_id,
        truth: r.truth,
        truthDiagnosis: truth.diagnosis,
        truthPoints: truth.points,
        imageId: r.image_id,
      };
    });
    return { studyId, design: studyDesignSchema.parse(JSON.parse(row.design_json)), cases, createdAt: row.created_at };
  }

  /** Records the image shown for a case (a generated or imported manipulated image). */
  setCaseImage(studyId: string, caseId: number, imageId: string): void {
    const r = this.db.prepare('UPDATE reader_study_cases SET image_id = ? WHERE study_id = ? AND case_id = ?').run(imageId, studyId, caseId);
    if (r.changes !== 1) throw new RangeError(`Study ${studyId} has no case ${caseId}.`);
  }

  /** One reader's order in one phase (case ids). */
  order(studyId: string, readerId: string, phaseId: string): number[] {
    const row = this.db.prepare('SELECT order_json FROM reader_study_orders WHERE study_id = ? AND reader_id = ? AND phase_id = ?').get(studyId, readerId, phaseId) as { order_json: string } | undefined;
    if (!row) throw new RangeError(`Reader "${readerId}" has no order in phase "${phaseId}" of study ${studyId}; is the reader part of this study?`);
    return JSON.parse(row.order_json) as number[];
  }

  /** Where a reader resumes: the first case, in phase order then reading order, without an answer. */
  position(studyId: string, readerId: string): ReaderPosition {
    const { design } = this.getStudy(studyId);
    const answered = new Set(
      (this.db.prepare('SELECT phase_id, case_id FROM reader_study_answers WHERE study_id = ? AND reader_id = ?').all(studyId, readerId) as { phase_id: string; case_id: number }[]).map(
        (r) => `${r.phase_id}/${r.case_id}`,
      ),
    );
    let total = 0;
    let next: { phaseId: string; caseId: number } | null = null;
    for (const phase of design.phases) {
      const order = this.order(studyId, readerId, phase.id);
      total += order.length;
      if (!next) {
        const caseId = order.find((c) => !answered.has(`${phase.id}/${c}`));
        if (caseId !== undefined) next = { phaseId: phase.id, caseId };
      }
    }
    return { phaseId: next?.phaseId ?? null, caseId: next?.caseId ?? null, answered: answered.size, total };
  }

  /**
   * Validates and commits one answer in its own transaction. Only the reader's next case may be
   * answered, unless the study allows going back, in which case an earlier answer may be replaced.
   */
  saveAnswer(studyId: string, readerId: string, input: unknown, now = Date.now()): ReaderPosition {
    const parsed = studyAnswerSchema.safeParse(input);
    if (!parsed.success) throw new RangeError(`The answer is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const answer = parsed.data;
    const { design } = this.getStudy(studyId);
    checkAnswer(design, answer);
    this.db.transaction(() => {
      const pos = this.position(studyId, readerId);
      const existing = this.db
        .prepare('SELECT 1 FROM reader_study_answers WHERE study_id = ? AND reader_id = ? AND phase_id = ? AND case_id = ?')
        .get(studyId, readerId, answer.phaseId, answer.caseId);
      if (existing && !design.allowGoBack) throw new RangeError(`Case ${answer.caseId} of phase "${answer.phaseId}" is already answered, and this study does not allow changing answers.`);
      if (!existing && (pos.phaseId !== answer.phaseId || pos.caseId !== answer.caseId)) {
        throw new RangeError(`Reader "${readerId}" is at case ${pos.caseId ?? '(none: finished)'} of phase "${pos.phaseId ?? '-'}", not case ${answer.caseId} of "${answer.phaseId}"; cases are read in order.`);
      }
      this.db
        .prepare('INSERT OR REPLACE INTO reader_study_answers (study_id, reader_id, phase_id, case_id, answer_json, answered_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(studyId, readerId, answer.phaseId, answer.caseId, JSON.stringify(answer), now);
    }).immediate();
    return this.position(studyId, readerId);
  }

  /** Every answer of a study (optionally one reader's), in commit order. */
  answers(studyId: string, readerId?: string): StoredAnswer[] {
    const rows = this.db
      .prepare(`SELECT reader_id, answer_json, answered_at FROM reader_study_answers WHERE study_id = ?${readerId ? ' AND reader_id = ?' : ''} ORDER BY answered_at, rowid`)
      .all(...(readerId ? [studyId, readerId] : [studyId])) as { reader_id: string; answer_json: string; answered_at: number }[];
    return rows.map((r) => ({ ...(JSON.parse(r.answer_json) as StudyAnswer), readerId: r.reader_id, answeredAt: r.answered_at }));
  }

  /**
   * Merges answers read elsewhere (a reader's results file). An answer already present and identical
   * is skipped; a different answer for the same reader, phase and case is refused, so nothing is
   * counted twice. All or nothing: one transaction.
   */
  mergeAnswers(studyId: string, readerId: string, incoming: { answer: unknown; answeredAt: number }[]): { added: number; duplicates: number } {
    const { design } = this.getStudy(studyId);
    if (!design.readers.some((r) => r.id === readerId)) throw new RangeError(`"${readerId}" is not a reader of this study.`);
    let added = 0;
    let duplicates = 0;
    this.db.transaction(() => {
      for (const { answer: raw, answeredAt } of incoming) {
        const answer = studyAnswerSchema.parse(raw);
        checkAnswer(design, answer);
        if (!this.order(studyId, readerId, answer.phaseId).includes(answer.caseId)) throw new RangeError(`Case ${answer.caseId} is not in reader "${readerId}"'s order for phase "${answer.phaseId}".`);
        const row = this.db
          .prepare('SELECT answer_json FROM reader_study_answers WHERE study_id = ? AND reader_id = ? AND phase_id = ? AND case_id = ?')
          .get(studyId, readerId, answer.phaseId, answer.caseId) as { answer_json: string } | undefined;
        if (row) {
          if (row.answer_json !== JSON.stringify(answer)) throw new RangeError(`Reader "${readerId}" already has a different answer for case ${answer.caseId} of phase "${answer.phaseId}"; nothing was merged.`);
          duplicates++;
          continue;
        }
        this.db.prepare('INSERT INTO reader_study_answers (study_id, reader_id, phase_id, case_id, answer_json, answered_at) VALUES (?, ?, ?, ?, ?, ?)').run(studyId, readerId, answer.phaseId, answer.caseId, JSON.stringify(answer), answeredAt);
        added++;
      }
    }).immediate();
    return { added, duplicates };
  }
}

/** Checks an answer against the design's phase and questions. */
function checkAnswer(design: StudyDesign, a: StudyAnswer): void {
  const phase = design.phases.find((p) => p.id === a.phaseId);
  if (!phase) throw new RangeError(`The study has no phase "${a.phaseId}".`);
  if (phase.warned && a.manipulated === null) throw new RangeError('This phase asks whether the image was manipulated; answer yes or no.');
  // Unwarned phases do not ask; a reader may still flag an image spontaneously (then with a confidence).
  if (phase.warned || a.manipulated !== null) {
    const c = a.confidence;
    const ok = c !== null && (design.questions.confidenceScale === '5-point' ? Number.isInteger(c) && c >= 1 && c <= 5 : c >= 0 && c <= 100);
    if (!ok) throw new RangeError(`Confidence must be ${design.questions.confidenceScale === '5-point' ? 'a whole number from 1 to 5' : 'a number from 0 to 100'}, got ${c}.`);
  }
  const classes = design.questions.diagnosisClasses;
  if (classes.length > 0 && (a.diagnosis === null || !classes.includes(a.diagnosis))) throw new RangeError(`Choose a diagnosis: one of ${classes.join(', ')}.`);
  if (classes.length === 0 && a.diagnosis !== null) throw new RangeError('This study does not ask for a diagnosis.');
  if (!design.questions.marks.enabled && a.marks.length > 0) throw new RangeError('This study does not ask where the manipulation is.');
}

/**
 * Blinded full-screen reading for one reader: the case image alone, keyboard answers, "k / n",
 * a blank screen between cases, pause and resume, no going back. Each answer goes to
 * 'readerStudies.answer' the moment it is given; a failed save keeps the answer for Enter to retry.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReadingState } from '../../../electron/shared/readerStudyCalls';
import type { ApiClient } from '../../api/apiClient';
import { describeError } from '../../api/runJob';
import { isTypingTarget } from '../../viewer/shortcuts';
import { confidenceValue, diagnosisKey, EMPTY_DRAFT, keyAction, missingAnswers, type AnswerDraft } from './answerKeys';
import { CaseImage, type Interaction } from './CaseImage';

/** Milliseconds of blank screen between two cases. */
const BLANK_MS = 600;

/** Props: which study and reader, and how to leave. */
export interface ReadingScreenProps {
  api: ApiClient;
  studyId: string;
  readerId: string;
  onExit: () => void;
}

type Stage = 'blank' | 'case' | 'paused' | 'saving' | 'done';

/** The reading screen (covers the window). */
export function ReadingScreen({ api, studyId, readerId, onExit }: ReadingScreenProps) {
  const [state, setState] = useState<ReadingState | null>(null);
  const [stage, setStage] = useState<Stage>('blank');
  const [draft, setDraft] = useState<AnswerDraft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);
  const shownAt = useRef(0);
  const pausedMs = useRef(0);
  const pausedAt = useRef(0);
  const interactions = useRef<Interaction[]>([]);

  const show = useCallback((next: ReadingState) => {
    setState(next);
    setDraft(EMPTY_DRAFT);
    interactions.current = [];
    pausedMs.current = 0;
    if (next.phase === null) return setStage('done');
    setStage('blank');
    window.setTimeout(() => {
      shownAt.current = performance.now();
      setStage('case');
    }, BLANK_MS);
  }, []);

  useEffect(() => {
    void api.call('readerStudies.reading', { studyId, readerId }).then(show, (e: unknown) => setError(describeError(e)));
  }, [api, studyId, readerId, show]);

  const submit = useCallback(async () => {
    if (!state?.phase || state.caseId === null || missingAnswers(draft, state).length > 0) return;
    setStage('saving');
    setError(null);
    const answer = {
      phaseId: state.phase.id,
      caseId: state.caseId,
      manipulated: draft.manipulated,
      confidence: draft.confidenceKey === null ? null : confidenceValue(draft.confidenceKey, state),
      diagnosis: draft.diagnosis,
      marks: [],
      freeText: '',
      durationMs: Math.max(0, performance.now() - shownAt.current - pausedMs.current),
      interactions: interactions.current.slice(0, 5000),
    };
    try {
      show(await api.call('readerStudies.answer', { studyId, readerId, answer }));
    } catch (err) {
      setError(`Answer not saved: ${describeError(err)} Press Enter to try again.`);
      setStage('case');
    }
  }, [api, draft, readerId, show, state, studyId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!state || isTypingTarget(e.target) || e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key === 'Escape' && stage !== 'saving') return onExit();
      if (stage !== 'case' && stage !== 'paused') return;
      const action = keyAction(e.key, draft, state);
      if (!action) return;
      e.preventDefault();
      if (action.kind === 'pause') {
        if (stage === 'paused') {
          pausedMs.current += performance.now() - pausedAt.current;
          setStage('case');
        } else {
          pausedAt.current = performance.now();
          setStage('paused');
        }
      } else if (stage === 'paused') return;
      else if (action.kind === 'draft') setDraft(action.draft);
      else void submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, onExit, stage, state, submit]);

  const progress = state ? `${Math.min(state.answered + 1, state.total)} / ${state.total}` : '';
  const missing = state ? missingAnswers(draft, state) : [];
  return (
    <div className="rs-reading" role="dialog" aria-label={`Reading as ${readerId}`} data-stage={stage}>
      <header className="rs-reading-bar">
        <span data-testid="reading-progress">{stage === 'done' ? `${state?.total ?? 0} / ${state?.total ?? 0} done` : progress}</span>
        {state?.phase && <span>{state.phase.label}</span>}
        <span className="dim">
          {state?.phase?.warned !== false ? 'Y/N manipulated · 1–5 confidence' : 'Y flag as manipulated (optional)'}
          {state?.questions.diagnosisClasses.map((c, i) => ` · ${diagnosisKey(i)} ${c}`)} · Enter submit · P pause · Esc leave
        </span>
      </header>
      <main className="rs-reading-stage">
        {stage === 'case' && state?.imageId && <CaseImage key={`${state.caseId}`} imageId={state.imageId} shownAt={shownAt.current} onInteraction={(i) => interactions.current.push(i)} />}
        {stage === 'paused' && <p className="rs-centre">Paused. Press P to resume.</p>}
        {stage === 'done' && (
          <p className="rs-centre">
            All cases read. Thank you. <button onClick={onExit}>Leave</button>
          </p>
        )}
      </main>
      {stage === 'case' && (
        <footer className="rs-reading-bar" aria-label="Your answer">
          <span data-testid="answer-draft">
            Manipulated: {draft.manipulated === null ? '–' : draft.manipulated ? 'yes' : 'no'} · Confidence: {draft.confidenceKey ?? '–'}
            {state && state.questions.diagnosisClasses.length > 0 && ` · Diagnosis: ${draft.diagnosis ?? '–'}`}
          </span>
          <span className="dim">{missing.length > 0 ? `Still to answer: ${missing.join(', ')}` : 'Enter to submit (no going back)'}</span>
        </footer>
      )}
      {error && (
        <p role="alert" className="error rs-reading-error">
          {error}
        </p>
      )}
    </div>
  );
}

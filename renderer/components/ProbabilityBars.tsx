/**
 * A model's call as labelled probability bars (one per class; the decided class marked), optionally
 * with a second set ("after") drawn beside each bar for before/after comparisons.
 */
import { formatProbability } from './metricFormat';

/** Props of {@link ProbabilityBars}. Probabilities are fractions in [0, 1], index-aligned with `classes`. */
export interface ProbabilityBarsProps {
  label: string;
  classes: string[];
  probabilities: number[];
  decision?: number | null;
  /** Optional second call on the same classes (e.g. after an attack). */
  after?: number[] | null;
  afterDecision?: number | null;
}

/** Labelled bars; readable by screen readers as a list of "class: p". */
export function ProbabilityBars({ label, classes, probabilities, decision, after, afterDecision }: ProbabilityBarsProps) {
  return (
    <ul className="prob-bars" aria-label={label}>
      {probabilities.map((p, i) => {
        const name = classes[i] ?? `class ${i}`;
        const q = after?.[i];
        const text = q === undefined ? `${name}: ${formatProbability(p)}` : `${name}: ${formatProbability(p)} before, ${formatProbability(q)} after`;
        return (
          <li key={i} aria-label={text} className={i === decision ? 'decided' : undefined}>
            <span className="prob-name">
              {name}
              {i === decision ? ' ◀' : ''}
              {q !== undefined && i === afterDecision ? ' ▶' : ''}
            </span>
            <span className="prob-track">
              <span className="prob-fill before" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
              {q !== undefined && <span className="prob-fill after" style={{ width: `${Math.max(0, Math.min(1, q)) * 100}%` }} />}
            </span>
            <span className="prob-value">{q === undefined ? formatProbability(p) : `${formatProbability(p)} → ${formatProbability(q)}`}</span>
          </li>
        );
      })}
    </ul>
  );
}

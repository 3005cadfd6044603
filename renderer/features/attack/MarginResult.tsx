/** The robustness margin: smallest budget (normalised units) that flips the call, with its probes. */
import { formatNumber } from '../../components/metricFormat';

/** The 'attack.margin' job's result. `margin` is null when even maxEps does not flip the call. */
export interface MarginOutcome {
  margin: number | null;
  robustUpTo: number;
  probes: { eps: number; flipped: boolean }[];
  method: string;
  norm: string;
  seconds: number;
}

/** Margin statement. */
export function MarginResult({ margin }: { margin: MarginOutcome }) {
  const norm = margin.norm === 'l2' ? 'L2' : 'L∞';
  return (
    <div role="status" className="margin-result" data-testid="margin-result">
      {margin.margin === null
        ? `No ${margin.method.toUpperCase()} attack within ${norm} ${formatNumber(margin.robustUpTo)} flipped the call.`
        : `Smallest ${norm} budget that flips the call: ${formatNumber(margin.margin)} (robust up to ${formatNumber(margin.robustUpTo)}), ${margin.method.toUpperCase()}.`}
      <span className="dim">
        {' '}
        {margin.probes.length} probes: {margin.probes.map((p) => `${formatNumber(p.eps)}${p.flipped ? '✗' : '✓'}`).join(' ')} · {formatNumber(margin.seconds)} s
      </span>
    </div>
  );
}

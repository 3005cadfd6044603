/** The robustness margin: smallest budget (normalised units) that flips the call, with its probes. */
import type { MarginJobResult } from '../../../electron/shared/jobResults';
import { formatNumber } from '../../components/metricFormat';


/** Margin statement. */
export function MarginResult({ margin }: { margin: MarginJobResult }) {
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

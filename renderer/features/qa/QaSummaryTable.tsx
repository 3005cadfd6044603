/**
 * The QA session's summary as tables: clean performance per model, then every model × attack × budget
 * row and the worst case over attacks per budget. Every figure from a sample shows its 95 % interval,
 * the interval's method and the n it rests on.
 */
import type { QaInterval, QaSummary } from '../../../electron/shared/qaSummary';
import { formatNumber, formatPsnr } from '../../components/metricFormat';

/** "0.850 [0.704–0.932] n=40"; "—" when the measure does not apply. */
function Ci({ v, psnr = false }: { v: QaInterval | null | undefined; psnr?: boolean }) {
  if (!v) return <td>—</td>;
  const f = (x: number) => (psnr ? formatPsnr(x) : formatNumber(x));
  return (
    <td title={`95 % interval by ${v.method}`}>
      {f(v.estimate)} <span className="dim">[{f(v.low)}–{f(v.high)}] n={v.n}</span>
    </td>
  );
}

/** The summary tables of a finished session. */
export function QaSummaryTable({ summary }: { summary: QaSummary }) {
  const detectors = [...new Set(summary.rows.flatMap((r) => Object.keys(r.detectorAuc)))];
  const defences = [...new Set(summary.rows.flatMap((r) => r.defences.map((d) => d.defence)))];
  return (
    <div className="qa-tables">
      <p className="dim">
        {summary.images} images · {summary.computed} items computed, {summary.reused} reused ({summary.reusedImages} images from an earlier run) · figures with their 95 % interval and n
      </p>
      <table aria-label="Clean performance">
        <caption>Clean performance (operating point: the model&apos;s argmax)</caption>
        <thead>
          <tr><th>Model</th><th>Accuracy</th><th>AUC</th><th>Sensitivity</th><th>Specificity</th><th>Dice</th></tr>
        </thead>
        <tbody>
          {summary.models.map((m) => {
            const c = summary.clean[m.hash];
            return (
              <tr key={m.hash}>
                <th scope="row" title={`sha256 ${m.hash} · ${m.provider}`}>{m.name}</th>
                <Ci v={c?.accuracy} /><Ci v={c?.auc} /><Ci v={c?.sensitivity} /><Ci v={c?.specificity} /><Ci v={c?.dice} />
              </tr>
            );
          })}
        </tbody>
      </table>
      <table aria-label="Under attack">
        <caption>Under attack, per model × attack × budget (success rate among images right when clean)</caption>
        <thead>
          <tr>
            <th>Model</th><th>Attack</th><th>ε</th><th>Steps</th><th>Accuracy</th><th>AUC</th><th>Success rate</th><th>SSIM</th><th>PSNR</th>
            {detectors.map((d) => <th key={d}>Detector AUC: {d}</th>)}
            {defences.map((d) => <th key={d}>Accuracy with {d} (change)</th>)}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr key={`${r.model}|${r.attack}|${r.eps}`}>
              <th scope="row">{r.model}</th><td>{r.attack}</td><td>{r.eps}</td><td>{r.steps}</td>
              <Ci v={r.accuracy ?? r.dice} /><Ci v={r.auc} /><Ci v={r.successRate} /><Ci v={r.ssim} /><Ci v={r.psnr} psnr />
              {detectors.map((d) => <Ci key={d} v={r.detectorAuc[d]} />)}
              {defences.map((d) => {
                const e = r.defences.find((x) => x.defence === d);
                return <td key={d}>{e ? `${formatNumber(e.withDefence.estimate)} (${formatNumber(e.change.estimate)} [${formatNumber(e.change.low)}–${formatNumber(e.change.high)}]) n=${e.change.n}` : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label="Worst case over attacks">
        <caption>Worst case over the session&apos;s attacks (an image counts only if it survives every attack)</caption>
        <thead>
          <tr><th>Model</th><th>ε</th><th>Accuracy</th><th>Dice</th></tr>
        </thead>
        <tbody>
          {summary.worstCase.map((w) => (
            <tr key={`${w.model}|${w.eps}`}>
              <th scope="row">{w.model}</th><td>{w.eps}</td><Ci v={w.accuracy} /><Ci v={w.dice} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

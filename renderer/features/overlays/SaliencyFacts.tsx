/** What a saliency map is: the method and parameters the engine used, IG completeness, sanity check. */
import type { SaliencyResult } from '../../../electron/shared/jobResults';
import { formatNumber } from '../../components/metricFormat';

/** Facts list. */
export function SaliencyFacts({ result, shownOnThisImage }: { result: SaliencyResult; shownOnThisImage: boolean }) {
  const params = Object.entries(result.params)
    .map(([k, v]) => `${k} = ${typeof v === 'number' ? formatNumber(v, 4) : v}`)
    .join(', ');
  return (
    <dl className="facts" aria-label="Saliency map facts" data-testid="saliency-facts">
      <dt>Map</dt>
      <dd>
        {result.method} for “{result.className}” (class {result.classIndex}), {result.width}×{result.height}, {formatNumber(result.seconds)} s
        {shownOnThisImage ? '' : ' — computed on another image'}
      </dd>
      <dt>Parameters</dt>
      <dd>{params || 'none'}</dd>
      {result.note && (
        <>
          <dt>Note</dt>
          <dd>{result.note}</dd>
        </>
      )}
      {result.completeness && (
        <>
          <dt>Completeness</dt>
          <dd>
            Σ attributions {formatNumber(result.completeness.attributionSum, 4)} vs f(x) − f(baseline) {formatNumber(result.completeness.scoreDifference, 4)}: gap{' '}
            {formatNumber(result.completeness.relativeGap * 100, 3)} %
          </dd>
        </>
      )}
      {result.sanity && (
        <>
          <dt>Sanity check</dt>
          <dd role="status">
            With randomised weights: |Spearman| {formatNumber(result.sanity.spearmanAbs, 3)}, SSIM {formatNumber(result.sanity.ssim, 3)} —{' '}
            {result.sanity.passed ? 'the map changed: it depends on the learned weights.' : 'the map barely changed: it does not explain this model.'}
          </dd>
        </>
      )}
    </dl>
  );
}

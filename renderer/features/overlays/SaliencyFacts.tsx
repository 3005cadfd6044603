/** What a saliency map is: the method and parameters the engine used, IG completeness, sanity check. */
import type { SaliencyResult } from '../../../electron/shared/jobResults';
import { sanityText } from '../../../electron/shared/saliencySanity';
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
            With randomised weights: rank correlation of |map| ρ {formatNumber(result.sanity.spearmanAbs, 3)}, SSIM{' '}
            {result.sanity.ssim === null ? 'n/a (map under 11×11)' : formatNumber(result.sanity.ssim, 3)} — {sanityText(result.sanity.spearmanAbs, result.sanity.ssim)}
          </dd>
        </>
      )}
    </dl>
  );
}

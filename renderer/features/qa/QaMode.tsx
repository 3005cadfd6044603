/** The QA mode (placeholder until the QA feature lands in this folder). */
import { ComingMode } from '../../components/ComingMode';
import type { ApiClient } from '../../api/apiClient';

/** QA: batch robustness sessions, curves and reports. */
export function QaMode(_props: { api: ApiClient }) {
  return (
    <ComingMode
      title="QA"
      summary="Measure a model's robustness on your own data."
      plans={['Session: a model, a dataset, and attacks × budgets, run as one batch job.', 'Results: accuracy against budget with confidence intervals, per case.', 'Report: a self-contained HTML file.']}
    />
  );
}

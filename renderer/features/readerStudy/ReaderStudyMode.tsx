/** The Reader study mode (placeholder until the reader-study feature lands in this folder). */
import { ComingMode } from '../../components/ComingMode';
import type { ApiClient } from '../../api/apiClient';

/** Reader study: design, blinded reading and results. */
export function ReaderStudyMode(_props: { api: ApiClient }) {
  return (
    <ComingMode
      title="Reader study"
      summary="Measure whether readers can tell attacked images from originals."
      plans={['Design: cases × conditions, a seed and blinding, saved as a portable bundle.', 'Read: blinded cases, each answer saved the moment it is given.', 'Results: detection rates with confidence intervals, and an export.']}
    />
  );
}

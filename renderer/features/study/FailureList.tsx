/** The files of the last open that did not load, each with its reason in plain words. */
import type { LoadFailure } from '../../../electron/shared/studyTypes';

/** At most this many are listed, so a folder of 10,000 stray files stays responsive. */
const SHOWN = 500;

/** Props of {@link FailureList}. */
export interface FailureListProps {
  failures: LoadFailure[];
  scanned: number;
}

/** A collapsible list; nothing when every file loaded. */
export function FailureList({ failures, scanned }: FailureListProps) {
  if (failures.length === 0) return null;
  return (
    <details className="failure-list" open>
      <summary>
        {failures.length.toLocaleString('en-US')} of {scanned.toLocaleString('en-US')} file{scanned === 1 ? '' : 's'} could not be opened
      </summary>
      <ul aria-label="Files that could not be opened">
        {failures.slice(0, SHOWN).map((f) => (
          <li key={f.path}>
            <span className="failure-path" title={f.path}>
              {f.path.split(/[\\/]/).pop()}
            </span>
            <span className="failure-reason">{f.reason}</span>
          </li>
        ))}
      </ul>
      {failures.length > SHOWN && <p className="failure-more">…and {(failures.length - SHOWN).toLocaleString('en-US')} more.</p>}
    </details>
  );
}

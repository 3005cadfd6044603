/** A running job: labelled progress bar, its message, and a Cancel button. */
import type { JobStatus } from '../api/runJob';

/** Props: the job's status, what it is called, and how to cancel it. */
export interface JobProgressBarProps {
  label: string;
  status: JobStatus;
  onCancel: () => void;
}

/** Progress bar with Cancel (the button is focusable and named). */
export function JobProgressBar({ label, status, onCancel }: JobProgressBarProps) {
  return (
    <div className="job-progress" role="group" aria-label={`${label} in progress`}>
      <progress max={1} value={status.progress} aria-label={`${label} progress`} />
      <span className="dim">
        {Math.round(status.progress * 100)} % {status.message}
      </span>
      <button type="button" onClick={onCancel} disabled={!status.jobId}>
        Cancel {label.toLowerCase()}
      </button>
    </div>
  );
}

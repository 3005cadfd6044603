/**
 * Opening files or folders. The back end reads local paths (a browser's file picker cannot give
 * them), so the panel takes one or more paths, separated by ';'. In the desktop app the native
 * dialog ('app.pickPaths') picks them too.
 */
import { useState, type FormEvent } from 'react';
import type { OpenJob } from './useStudies';

/** Props of {@link OpenPanel}. */
export interface OpenPanelProps {
  job: OpenJob | null;
  error: string | null;
  onOpen: (paths: string[]) => void;
  onCancel: () => void;
  /** The native open dialog, where there is one (desktop app); resolves to the chosen paths. */
  onPick?: (kind: 'files' | 'folder') => Promise<string[]>;
}

/** Path input, Open button, and the indexing progress bar with Cancel. */
export function OpenPanel({ job, error, onOpen, onCancel, onPick }: OpenPanelProps) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const paths = text
      .split(/[\n;]/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paths.length) onOpen(paths);
  };
  const [pickError, setPickError] = useState<string | null>(null);
  const pick = async (kind: 'files' | 'folder') => {
    setPickError(null);
    try {
      const paths = (await onPick?.(kind)) ?? [];
      if (paths.length) {
        setText(paths.join('; '));
        onOpen(paths);
      }
    } catch (err) {
      setPickError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="open-panel" onSubmit={submit} aria-label="Open DICOM files or folders">
      <label htmlFor="open-path">File or folder path</label>
      <div className="open-row">
        <input
          id="open-path"
          type="text"
          value={text}
          placeholder="/path/to/dicom/folder"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          disabled={job !== null}
        />
        <button type="submit" disabled={job !== null || !text.trim()}>
          Open
        </button>
      </div>
      {onPick && (
        <div className="open-row">
          <button type="button" onClick={() => void pick('folder')} disabled={job !== null}>
            Open folder…
          </button>
          <button type="button" onClick={() => void pick('files')} disabled={job !== null}>
            Open files…
          </button>
        </div>
      )}
      {job && (
        <div className="job-progress" role="status" aria-live="polite">
          <progress max={1} value={job.progress} aria-label="Indexing progress" />
          <span className="job-message">{job.message}</span>
          <button type="button" onClick={onCancel} disabled={!job.jobId}>
            Cancel
          </button>
        </div>
      )}
      {(error ?? pickError) && (
        <p className="open-error" role="alert">
          {error ?? pickError}
        </p>
      )}
    </form>
  );
}

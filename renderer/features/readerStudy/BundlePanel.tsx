/**
 * Bundle exchange for the coordinator: export the study as a blinded bundle plus its answer key to a
 * folder, and merge readers' results files back (answers already present are counted as duplicates,
 * never twice). Paths are typed, or chosen with the app's file picker.
 */
import { useState } from 'react';
import type { CallOutput } from '../../../electron/shared/contract';
import type { ApiClient } from '../../api/apiClient';
import { describeError } from '../../api/runJob';

/** Props: the API, the study, and what to do after a merge changed the answers. */
export interface BundlePanelProps {
  api: ApiClient;
  studyId: string;
  onMerged: () => void;
}

/** Export and merge. */
export function BundlePanel({ api, studyId, onMerged }: BundlePanelProps) {
  const [outDir, setOutDir] = useState('');
  const [files, setFiles] = useState('');
  const [exported, setExported] = useState<CallOutput<'readerStudies.export'> | null>(null);
  const [merged, setMerged] = useState<CallOutput<'readerStudies.merge'>['merged'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const paths = files.split('\n').map((f) => f.trim()).filter((f) => f.length > 0);

  const run = async (what: () => Promise<void>) => {
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const exportBundle = () => run(async () => setExported(await api.call('readerStudies.export', { studyId, outDir: outDir.trim() })));
  const merge = () =>
    run(async () => {
      setMerged((await api.call('readerStudies.merge', { bundleDir: outDir.trim(), resultFiles: paths })).merged);
      onMerged();
    });
  const pick = () => run(async () => setFiles((await api.call('app.pickPaths', { kind: 'files' })).paths.join('\n')));

  return (
    <section className="rs-bundle" aria-label="Bundle and merge">
      <label>
        Export folder <input value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder="/path/to/folder" />
      </label>
      <button type="button" disabled={!outDir.trim()} onClick={() => void exportBundle()}>
        Export blinded bundle
      </button>
      {exported && (
        <p data-testid="bundle-exported">
          Bundle {exported.bundleId}: {exported.cases} cases in {exported.bundleDir}; answer key {exported.answerKeyPath} (keep it apart).
          {exported.warnings.map((w) => ` ${w}`)}
        </p>
      )}
      <label>
        Readers&apos; results files (one path a line)
        <textarea rows={3} value={files} onChange={(e) => setFiles(e.target.value)} />
      </label>
      <button type="button" onClick={() => void pick()}>
        Choose files…
      </button>
      <button type="button" disabled={!outDir.trim() || paths.length === 0} onClick={() => void merge()}>
        Merge results into the study
      </button>
      {merged && (
        <ul aria-label="Merged results files">
          {merged.map((m) => (
            <li key={m.name}>
              {m.name}: reader {m.readerId}, {m.added} answers added, {m.duplicates} already present (not counted twice)
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

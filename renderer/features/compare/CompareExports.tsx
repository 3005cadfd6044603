/**
 * Exports of an attack: the derived DICOM (as written, or de-identified for sharing) and the attack
 * record as JSON, written by the back end into a folder under a name the user may type (never
 * overwriting: a taken name is refused and the name field is where to fix it), and a PNG of any
 * compare viewport (canvas.toBlob → download).
 */
import { useState } from 'react';
import type { AttackRecord } from '../../../electron/shared/labTypes';
import type { ApiClient } from '../../api/apiClient';
import { describeError } from '../../api/runJob';

/** Props: the record, and the viewports that can be saved as PNG (title → element id). */
export interface CompareExportsProps {
  api: ApiClient;
  record: AttackRecord;
  viewports: { title: string; elementId: string }[];
}

/** Saves the canvas inside `#elementId` as `<name>.png` through a download link. */
export function downloadCanvasPng(elementId: string, name: string): Promise<void> {
  const canvas = document.querySelector(`#${elementId} canvas`) as HTMLCanvasElement | null;
  if (!canvas) return Promise.reject(new Error('That viewport shows no image yet.'));
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => {
      if (!blob) return reject(new Error('The browser could not encode the viewport as PNG.'));
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${name}.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      resolve();
    }, 'image/png'),
  );
}

/** The export buttons with the folder they write to. */
export function CompareExports({ api, record, viewports }: CompareExportsProps) {
  const [folder, setFolder] = useState('');
  const [fileName, setFileName] = useState('');
  const [deidentify, setDeidentify] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  /** Runs one export; `done` prefixes the result ("Record written: /path"), `action` names a failure. */
  const run = async (done: string, action: string, work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ ok: true, text: `${done}: ${await work()}` });
    } catch (err) {
      setMessage({ ok: false, text: `${action} failed: ${describeError(err)}` });
    }
  };
  const need = () => {
    if (!folder.trim()) throw new Error('type the folder to write into first.');
    return folder.trim();
  };
  const stem = `attack-${record.attackId}`;
  const name = fileName.trim() || undefined;
  return (
    <fieldset className="compare-exports">
      <legend>Export</legend>
      <label>
        Folder (on this computer)
        <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/full/path/to/folder" />
      </label>
      <label>
        File name (optional)
        <input value={fileName} onChange={(e) => setFileName(e.target.value)} placeholder={`${stem} / <SOP Instance UID>.dcm`} />
      </label>
      <label>
        <input type="checkbox" checked={deidentify} onChange={(e) => setDeidentify(e.target.checked)} /> De-identify the DICOM for sharing
      </label>
      <button
        type="button"
        onClick={() => void run(deidentify ? 'De-identified DICOM written' : 'Derived DICOM written', 'Export DICOM', async () => (await api.call('attacks.exportDicom', { attackId: record.attackId, folder: need(), fileName: name, deidentify })).path)}
      >
        Export DICOM
      </button>
      <button type="button" onClick={() => void run('Record written', 'Export record JSON', async () => (await api.call('attacks.exportJson', { attackId: record.attackId, folder: need(), fileName: name ?? stem })).path)}>
        Export record JSON
      </button>
      {viewports.map((v) => (
        <button key={v.elementId} type="button" onClick={() => void run('PNG saved', `PNG of ${v.title}`, async () => (await downloadCanvasPng(v.elementId, `${stem}-${v.title.toLowerCase().split(' ')[0]}`), `${v.title} downloaded`))}>
          PNG: {v.title}
        </button>
      ))}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'dim' : 'error'} data-testid="export-message">
          {message.text}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The stored attacks of the image on screen (original or derived), newest first, from the workspace
 * database: reopening a study shows its attacked versions, each one click from the compare view.
 */
import { useEffect, useState } from 'react';
import type { AttackRecord } from '../../../electron/shared/labTypes';
import { describeRun } from '../../components/describeRun';
import type { ApiClient } from '../../api/apiClient';
import { formatNumber } from '../../components/metricFormat';
import { describeError } from '../../api/runJob';

/** Props: the image, a counter that changes when a new attack was stored, and where to open one. */
export interface AttackHistoryProps {
  api: ApiClient;
  imageId: string | null;
  refresh: number;
  onOpen: (record: AttackRecord) => void;
}

/** List of stored attacks with "Compare" buttons. */
export function AttackHistory({ api, imageId, refresh, onOpen }: AttackHistoryProps) {
  const [attacks, setAttacks] = useState<AttackRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setAttacks([]);
    if (imageId)
      api.call('attacks.list', { imageId }).then(
        (r) => live && setAttacks(r.attacks),
        (err: unknown) => live && setError(describeError(err)),
      );
    return () => void (live = false);
  }, [api, imageId, refresh]);
  if (error) return <p role="alert" className="error">Stored attacks could not be listed: {error}</p>;
  if (attacks.length === 0) return null;
  return (
    <ul className="attack-history" aria-label="Stored attacks of this image">
      {attacks.map((a) => (
        <li key={a.attackId}>
          <span>
            {describeRun(a)} · {a.model.name} · {a.success ? 'flipped' : 'held'} · {new Date(a.createdAt).toLocaleString()}
          </span>
          <button type="button" onClick={() => onOpen(a)} aria-label={`Compare ${a.params.method.toUpperCase()} eps ${formatNumber(a.params.eps)} of ${new Date(a.createdAt).toLocaleString()}`}>
            Compare
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The review and attack lab beside the viewer: model panel with the live prediction, saliency
 * overlay, attack lab with robustness margin, and the compare view of the latest attack (shown over
 * the viewer until closed). Acts on the image of the active viewport.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AttackRecord, ModelEntry } from '../../../electron/shared/labTypes';
import type { ApiClient } from '../../api/apiClient';
import { AttackPanel } from '../../features/attack/AttackPanel';
import { CompareView } from '../../features/compare/CompareView';
import { SaliencyPanel } from '../../features/overlays/SaliencyPanel';
import { SuspicionPanel } from '../../features/overlays/SuspicionPanel';
import './lab.css';
import { ModelPanel } from '../../features/review/ModelPanel';
import { usePrediction } from '../../features/review/usePrediction';
import { displayedPixelCount } from '../../viewer/displayedImage';
import { stackImageIds } from '../../viewer/stackImageIds';
import { describeStackPosition } from '../../viewer/stackPosition';

/** Props: the API client, the active viewport's image and its cornerstone element. */
export interface LabPanelProps {
  api: ApiClient;
  imageId: string | null;
  element: HTMLElement | null;
}

/** The lab's side panel (and its compare view). */
export function LabPanel({ api, imageId, element }: LabPanelProps) {
  const [model, setModel] = useState<ModelEntry | null>(null);
  const [compare, setCompare] = useState<AttackRecord | null>(null);
  const prediction = usePrediction(api, model, imageId);
  const closeCompare = useCallback(() => setCompare(null), []);
  // Results of one model never stay on screen under another: the compare view closes on a model switch.
  const modelId = model?.id ?? null;
  useEffect(() => setCompare(null), [modelId]);
  const describeImage = useCallback((id: string) => describeStackPosition(stackImageIds(element), id), [element]);
  return (
    <aside className="lab-panel" aria-label="Review and attack lab">
      <ModelPanel api={api} imageId={imageId} model={model} onModel={setModel} prediction={prediction} describeImage={describeImage} />
      <SuspicionPanel api={api} modelId={model?.id ?? null} imageId={imageId} element={element} />
      <SaliencyPanel api={api} modelId={model?.id ?? null} imageId={imageId} element={element} classes={model?.classes ?? []} />
      <AttackPanel api={api} modelId={model?.id ?? null} imageId={imageId} classes={model?.classes ?? []} imagePixels={imageId ? displayedPixelCount(element) : null} onAttacked={setCompare} />
      {compare && <CompareView key={compare.attackId} api={api} record={compare} onClose={closeCompare} />}
    </aside>
  );
}

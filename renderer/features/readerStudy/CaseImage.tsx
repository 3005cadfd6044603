/**
 * One case's image, blinded: a bare cornerstone viewport (the viewer's ViewportController, no corner
 * annotations, no series text) and a log of the reader's window and zoom changes, in ms since shown.
 */
import { useEffect, useRef } from 'react';
import type { StudyAnswer } from '../../../electron/shared/readerStudyTypes';
import { ViewportController, type ViewportState } from '../../viewer/ViewportController';

/** A viewing interaction as the answer records it. */
export type Interaction = StudyAnswer['interactions'][number];

/** Props: the image to show, when it was first shown (ms, performance.now) and where interactions go. */
export interface CaseImageProps {
  imageId: string;
  shownAt: number;
  onInteraction: (i: Interaction) => void;
}

/** The blinded image of the case being read; `data-render-count` tells tests it was drawn. */
export function CaseImage({ imageId, shownAt, onInteraction }: CaseImageProps) {
  const ref = useRef<HTMLDivElement>(null);
  const last = useRef<ViewportState | null>(null);
  const log = useRef(onInteraction);
  log.current = onInteraction;

  useEffect(() => {
    const element = ref.current as HTMLDivElement;
    const controller = new ViewportController(element, (s) => {
      element.dataset.renderCount = String(s.renderCount);
      const prev = last.current;
      last.current = s;
      if (!prev || prev.renderCount === 0 || s.renderCount === 0) return;
      const tMs = Math.max(0, performance.now() - shownAt);
      if (s.voi && prev.voi && (s.voi.windowCenter !== prev.voi.windowCenter || s.voi.windowWidth !== prev.voi.windowWidth)) {
        log.current({ tMs, kind: 'window', value: `${Math.round(s.voi.windowCenter)}/${Math.round(s.voi.windowWidth)}` });
      }
      if (s.scale !== prev.scale) log.current({ tMs, kind: 'zoom', value: s.scale.toFixed(3) });
    });
    const observer = new ResizeObserver(() => controller.resize());
    observer.observe(element);
    void controller.setStack([imageId], 0);
    return () => {
      observer.disconnect();
      controller.destroy();
    };
  }, [imageId, shownAt]);

  return <div ref={ref} className="rs-image" data-testid="reading-image" data-render-count="0" />;
}

/**
 * One viewport on screen: the cornerstone element, its corner annotations and a slice scrollbar.
 * Clicking or focusing it makes it the active viewport (the one keyboard commands and presets act on).
 */
import { useEffect, useRef, useState } from 'react';
import type { SeriesSummary } from '../../electron/shared/studyTypes';
import { CornerAnnotations } from './CornerAnnotations';
import { EMPTY_VIEWPORT_STATE, ViewportController, type ViewportState } from './ViewportController';

/** Props of {@link ViewportView}. */
export interface ViewportViewProps {
  /** Position in the layout (0-based); also names the element `viewport-<index>`. */
  index: number;
  series: SeriesSummary | null;
  active: boolean;
  onActivate: () => void;
  /** Called with the controller once the element is enabled, and with null when it goes away. */
  onController: (index: number, controller: ViewportController | null) => void;
  onState: (index: number, state: ViewportState) => void;
}

/** A cornerstone viewport with its overlays. */
export function ViewportView({ index, series, active, onActivate, onController, onState }: ViewportViewProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<ViewportController | null>(null);
  const [state, setState] = useState<ViewportState>(EMPTY_VIEWPORT_STATE);

  useEffect(() => {
    const element = elementRef.current as HTMLDivElement;
    const controller = new ViewportController(element, (s) => {
      setState(s);
      onState(index, s);
    });
    controllerRef.current = controller;
    onController(index, controller);
    const observer = new ResizeObserver(() => controller.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      onController(index, null);
      controller.destroy();
      controllerRef.current = null;
    };
    // The element lives as long as this slot of the layout; callbacks are stable (useCallback).
  }, []);

  // Reload only when the stack itself changes, not when the series list is merely refreshed.
  const stackKey = series ? series.imageIds.join('\n') : '';
  useEffect(() => {
    void controllerRef.current?.setStack(stackKey ? stackKey.split('\n') : [], 0);
  }, [stackKey]);

  const count = state.imageIds.length;
  return (
    <section
      className={`viewport${active ? ' active' : ''}`}
      aria-label={`Viewport ${index + 1}${series ? `: ${series.seriesDescription || series.modality}` : ', empty'}`}
      onPointerDown={onActivate}
      onFocus={onActivate}
    >
      <div
        id={`viewport-${index}`}
        className="viewport-element"
        ref={elementRef}
        tabIndex={0}
        role="img"
        aria-label={series ? `Image ${state.imageIndex + 1} of ${count}` : 'No series loaded'}
        onContextMenu={(e) => e.preventDefault()}
      />
      {series && <CornerAnnotations series={series} state={state} />}
      {series?.derived && <span className="adversarial-badge" role="note">ADVERSARIAL</span>}
      {!series && <div className="viewport-empty">Select a series</div>}
      {state.error && (
        <div className="viewport-error" role="alert">
          Could not show this image: {state.error}
        </div>
      )}
      {count > 1 && (
        <input
          className="slice-scrollbar"
          type="range"
          min={0}
          max={count - 1}
          step={1}
          value={state.imageIndex}
          aria-label={`Slice of viewport ${index + 1}`}
          aria-valuetext={`Image ${state.imageIndex + 1} of ${count}`}
          onChange={(e) => controllerRef.current?.scrollTo(Number(e.target.value))}
          onKeyDown={(e) => e.stopPropagation()}
        />
      )}
    </section>
  );
}

/**
 * The viewports of the current layout (1×1, 1×2, 2×2). Owns the controllers and, when sync is on,
 * links the visible viewports' slice, window/level and pan/zoom.
 */
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import type { SeriesSummary } from '../../electron/shared/studyTypes';
import type { ViewportController, ViewportState } from './ViewportController';
import { ViewportView } from './ViewportView';
import { ViewportSync } from './viewportSync';

/** The layouts offered: columns × rows. */
export type Layout = '1x1' | '1x2' | '2x2';

/** Number of viewports of each layout. */
export const LAYOUT_SIZE: Record<Layout, number> = { '1x1': 1, '1x2': 2, '2x2': 4 };

/** Props of {@link ViewerGrid}. */
export interface ViewerGridProps {
  layout: Layout;
  /** Series per slot (only the first LAYOUT_SIZE[layout] are shown). */
  slots: (SeriesSummary | null)[];
  active: number;
  sync: boolean;
  /** Visible slots whose image is on screen; sync starts once they are. */
  readySlots: number[];
  onActivate: (index: number) => void;
  controllers: RefObject<(ViewportController | null)[]>;
  onState: (index: number, state: ViewportState) => void;
}

/** Grid of viewports. */
export function ViewerGrid({ layout, slots, active, sync, readySlots, onActivate, controllers, onState }: ViewerGridProps) {
  const syncRef = useRef<ViewportSync | null>(null);
  const n = LAYOUT_SIZE[layout];

  const onController = useCallback(
    (index: number, controller: ViewportController | null) => {
      controllers.current[index] = controller;
    },
    [controllers],
  );

  const readyKey = readySlots.join(',');
  useEffect(() => {
    syncRef.current ??= new ViewportSync();
    const elements = sync
      ? readyKey
          .split(',')
          .filter(Boolean)
          .map((i) => controllers.current[Number(i)]?.element)
          .filter((e): e is HTMLElement => e !== undefined)
      : [];
    // A lone member stays one (a synchronizer of one does nothing): a peer that reloads and rejoins adopts its window.
    syncRef.current.setMembers(elements);
  }, [sync, readyKey, controllers]);

  useEffect(
    () => () => {
      syncRef.current?.destroy();
      syncRef.current = null;
    },
    [],
  );

  const indices = useMemo(() => Array.from({ length: n }, (_, i) => i), [n]);
  return (
    <div className={`viewer-grid layout-${layout}`}>
      {indices.map((i) => (
        <ViewportView
          key={i}
          index={i}
          series={slots[i] ?? null}
          active={i === active}
          onActivate={() => onActivate(i)}
          onController={onController}
          onState={onState}
        />
      ))}
    </div>
  );
}

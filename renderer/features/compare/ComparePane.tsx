/**
 * One viewport of the compare view: a cornerstone element (id `viewport-<index>`, so the viewer's
 * test helpers can measure it) showing one image, with its title and, for derived images, the
 * ADVERSARIAL badge.
 */
import { useEffect, useRef, useState } from 'react';
import { EMPTY_VIEWPORT_STATE, ViewportController, type ViewportState } from '../../viewer/ViewportController';

/** Props of {@link ComparePane}. */
export interface ComparePaneProps {
  index: number;
  title: string;
  imageId: string;
  /** Derived (attacked) image: always badged. */
  adversarial: boolean;
  className?: string;
  style?: React.CSSProperties;
  onController: (controller: ViewportController | null) => void;
  onState: (state: ViewportState) => void;
}

/** A titled single-image viewport. */
export function ComparePane({ index, title, imageId, adversarial, className, style, onController, onState }: ComparePaneProps) {
  const ref = useRef<HTMLDivElement>(null);
  const controller = useRef<ViewportController | null>(null);
  const [state, setState] = useState<ViewportState>(EMPTY_VIEWPORT_STATE);
  const callbacks = useRef({ onController, onState });
  callbacks.current = { onController, onState };

  useEffect(() => {
    const element = ref.current as HTMLDivElement;
    const c = new ViewportController(element, (s) => {
      setState(s);
      callbacks.current.onState(s);
    });
    controller.current = c;
    callbacks.current.onController(c);
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      callbacks.current.onController(null);
      c.destroy();
      controller.current = null;
    };
  }, []);

  useEffect(() => {
    void controller.current?.setStack([imageId], 0);
  }, [imageId]);

  return (
    <section className={`compare-pane ${className ?? ''}`} style={style} aria-label={title}>
      <div id={`viewport-${index}`} ref={ref} className="compare-element" tabIndex={0} role="img" aria-label={`${title} image`} onContextMenu={(e) => e.preventDefault()} />
      <h3 className="compare-title">{title}</h3>
      {adversarial && (
        <span className="adversarial-badge" role="note">
          ADVERSARIAL
        </span>
      )}
      {state.error && (
        <p className="error" role="alert">
          Could not show this image: {state.error}
        </p>
      )}
    </section>
  );
}

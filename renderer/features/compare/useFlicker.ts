/**
 * Flicker mode: the attacked viewport alternates between the attacked and the original image at
 * `rate` changes per second, keeping its viewport (zoom, pan, window), so the eye catches what moved.
 */
import * as cornerstone from 'cornerstone-core';
import type { Image } from 'cornerstone-core';
import { useEffect, useState } from 'react';

/** Which image the flickering viewport shows now ('attacked' when flicker is off). */
export type FlickerPhase = 'attacked' | 'original';

/** Hook: runs the flicker on `element` while `on` (rate in changes per second); returns the image on screen. */
export function useFlicker(element: HTMLElement | null, on: boolean, rate: number, originalId: string, attackedId: string): FlickerPhase {
  const [phase, setPhase] = useState<FlickerPhase>('attacked');
  useEffect(() => {
    if (!on || !element || !(rate > 0)) return;
    let live = true;
    let timer: ReturnType<typeof setInterval> | undefined;
    let images: { original: Image; attacked: Image } | null = null;
    let showing: FlickerPhase = 'attacked';
    const show = (which: FlickerPhase) => {
      if (!images) return;
      cornerstone.displayImage(element, images[which], cornerstone.getViewport(element));
      showing = which;
      setPhase(which);
    };
    void Promise.all([cornerstone.loadAndCacheImage(originalId), cornerstone.loadAndCacheImage(attackedId)]).then(([original, attacked]) => {
      if (!live) return;
      images = { original, attacked };
      timer = setInterval(() => show(showing === 'attacked' ? 'original' : 'attacked'), 1000 / rate);
    });
    return () => {
      live = false;
      clearInterval(timer);
      if (showing === 'original') show('attacked');
    };
  }, [element, on, rate, originalId, attackedId]);
  return on ? phase : 'attacked';
}

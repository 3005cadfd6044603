/** A single-letter key that toggles an overlay layer (ignored while typing in a form control or with modifiers). */
import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../../viewer/shortcuts';

/** Calls `toggle` when `key` (case-insensitive) is pressed outside inputs, selects and text areas. */
export function useLayerKey(key: string, toggle: () => void): void {
  const ref = useRef(toggle);
  ref.current = toggle;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return;
      if (e.key.toLowerCase() !== key) return;
      e.preventDefault();
      ref.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}

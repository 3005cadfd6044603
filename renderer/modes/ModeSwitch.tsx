/**
 * The mode switch: a tab list with one tab per registered mode. Tab reaches it; ←/→ (and Home/End)
 * move between modes and open the one reached, as the WAI-ARIA tabs pattern with automatic activation.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { ModeDefinition, ModeId } from './modeTypes';

/** Props: the modes in order, the active one, and what to do when the user picks one. */
export interface ModeSwitchProps {
  modes: readonly ModeDefinition[];
  active: ModeId;
  onSelect: (id: ModeId) => void;
}

/** The id of the tab element of mode `id` (the mode's panel is labelled by it). */
export function modeTabId(id: ModeId): string {
  return `mode-tab-${id}`;
}

/** The switch; only the active tab is in the Tab order (roving tabindex). */
export function ModeSwitch({ modes, active, onSelect }: ModeSwitchProps) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = modes.findIndex((m) => m.id === active);
    const target = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: modes.length - 1 }[e.key];
    if (target === undefined) return;
    // The viewer's window-level shortcuts (← / → scroll images) must not see this key.
    e.preventDefault();
    e.stopPropagation();
    const next = (target + modes.length) % modes.length;
    onSelect(modes[next].id);
    tabs.current[next]?.focus();
  };
  return (
    <div className="mode-switch" role="tablist" aria-label="Mode" onKeyDown={onKeyDown}>
      {modes.map((m, i) => (
        <button
          key={m.id}
          ref={(el) => {
            tabs.current[i] = el;
          }}
          id={modeTabId(m.id)}
          type="button"
          role="tab"
          aria-selected={m.id === active}
          aria-controls="mode-panel"
          tabIndex={m.id === active ? 0 : -1}
          title={m.description}
          onClick={() => onSelect(m.id)}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}

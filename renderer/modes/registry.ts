/**
 * The modes of the shell, one per kind of user. This list is the only place a mode is named.
 *
 * How a mode plugs in:
 * 1. Its screen is one React component taking {@link ModeProps} (`{ api: ApiClient }`, declared by
 *    the component itself so a feature never imports `modes/`), exported by name from
 *    the mode's own folder: `renderer/features/<feature>/<Name>Mode.tsx` when the mode is one
 *    feature (Reader study: `features/readerStudy/ReaderStudyMode.tsx`; QA:
 *    `features/qa/QaMode.tsx`), or `renderer/modes/<id>/<Name>Mode.tsx` when it composes several
 *    features (Review composes study, review, attack, overlays and compare). Only `renderer/modes/`
 *    may import more than one feature; a feature imports its own folder, `api/`, `components/`,
 *    `viewer/` and `electron/shared`, never another feature (lint refuses it).
 * 2. Its entry below names it (a new id is also added to `ModeId` in `modeTypes.ts`): id, label,
 *    one-line description, and the component, wrapped in
 *    `lazy()` (with `lazyMode`) so its code loads when the mode is first opened. Review, the screen
 *    at start, is imported directly.
 * 3. Nothing else changes: the shell (`App.tsx`) draws the switch from this list, keeps the chosen
 *    mode in the page's `#mode=` hash, and mounts only the active mode, so a mode's window-level
 *    keyboard shortcuts are live only while it is shown.
 */
import { lazy, type ComponentType } from 'react';
import type { ModeDefinition, ModeProps } from './modeTypes';
import { ReviewMode } from './review/ReviewMode';

/** `lazy()` over a named export: `lazyMode(() => import('…/QaMode'), 'QaMode')`. */
function lazyMode<K extends string>(load: () => Promise<{ [P in K]: ComponentType<ModeProps> }>, name: K): ComponentType<ModeProps> {
  return lazy(async () => {
    const component: ComponentType<ModeProps> = (await load())[name];
    return { default: component };
  });
}

/** The modes in the order of the switch; the first is shown at start. */
export const MODES: readonly ModeDefinition[] = [
  {
    id: 'review',
    label: 'Review',
    description: 'Read studies with the model: predictions, saliency, suspicion, attacks and compare.',
    component: ReviewMode,
  },
  {
    id: 'readerStudy',
    label: 'Reader study',
    description: 'Design a reader study, read it blinded, and see how often readers spot attacked images.',
    component: lazyMode(() => import('../features/readerStudy/ReaderStudyMode'), 'ReaderStudyMode'),
  },
  {
    id: 'qa',
    label: 'QA',
    description: "Measure a model's robustness on your own data: batch sessions, curves and reports.",
    component: lazyMode(() => import('../features/qa/QaMode'), 'QaMode'),
  },
];

/** The mode with this id, or the first mode when the id is unknown (e.g. a stale `#mode=`). */
export function modeById(id: string | null): ModeDefinition {
  return MODES.find((m) => m.id === id) ?? MODES[0];
}


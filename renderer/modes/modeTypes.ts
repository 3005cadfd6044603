/** What every mode of the shell is given, and how the registry describes a mode. */
import type { ComponentType } from 'react';
import type { ApiClient } from '../api/apiClient';

/** Props every mode's component receives from the shell: the API client of this page. */
export interface ModeProps {
  api: ApiClient;
}

/** The modes, one per kind of user. */
export type ModeId = 'review' | 'readerStudy' | 'qa';

/** One entry of the mode registry (see `registry.ts` for how a mode plugs in). */
export interface ModeDefinition {
  /** Stable id, also the `data-mode` of the shell and the test hook. */
  id: ModeId;
  /** The name on the mode switch. */
  label: string;
  /** One line saying whom the mode is for (the switch's tooltip). */
  description: string;
  /** The mode's screen; `React.lazy` for modes that are not shown at start. */
  component: ComponentType<ModeProps>;
}

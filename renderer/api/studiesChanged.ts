/**
 * The window event after which the series list is fetched again: any mode or feature that writes
 * series into the workspace (an attack's derived image, the demo study) dispatches it.
 */
export const STUDIES_CHANGED_EVENT = 'aegis:studies-changed';

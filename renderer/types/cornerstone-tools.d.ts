/**
 * Minimal typed declarations for the parts of cornerstone-tools 6.0 that Aegis uses. The package
 * ships no types. Mouse button masks: 1 = left, 2 = right, 4 = middle.
 */
declare module 'cornerstone-tools' {
  /** A tool class as registered with `addTool`; constructed by cornerstone-tools. */
  export type ToolClass = abstract new (...args: never[]) => unknown;
  export interface ToolOptions {
    mouseButtonMask?: number;
  }
  export interface StackState {
    imageIds: string[];
    currentImageIdIndex: number;
  }
  export interface ToolStateEntry<T> {
    data: T[];
  }
  export type SynchronizerHandler = (
    synchronizer: Synchronizer,
    sourceElement: HTMLElement,
    targetElement: HTMLElement,
    eventData: unknown,
  ) => void;
  export class Synchronizer {
    constructor(event: string, handler: SynchronizerHandler);
    add(element: HTMLElement): void;
    remove(element: HTMLElement): void;
    destroy(): void;
    /** Sets a target's viewport without the change echoing back through this synchronizer. */
    setViewport(element: HTMLElement, viewport: import('cornerstone-core').Viewport): void;
    enabled: boolean;
  }
  export const external: {
    cornerstone: unknown;
    cornerstoneMath: unknown;
    Hammer: unknown;
  };
  export function init(config?: { showSVGCursors?: boolean; globalToolSyncEnabled?: boolean }): void;
  export function addTool(tool: ToolClass, props?: Record<string, unknown>): void;
  export function setToolActive(name: string, options: ToolOptions): void;
  export function setToolPassive(name: string, options?: ToolOptions): void;
  export function setToolEnabled(name: string): void;
  export function addStackStateManager(element: HTMLElement, types: string[]): void;
  export function addToolState(element: HTMLElement, toolName: 'stack', state: StackState): void;
  export function clearToolState(element: HTMLElement, toolName: string): void;
  export function getToolState(element: HTMLElement, toolName: 'stack'): ToolStateEntry<StackState> | undefined;
  export function getToolState(element: HTMLElement, toolName: string): ToolStateEntry<unknown> | undefined;
  /** Internal modules by path; Aegis uses 'util/scrollToIndex' (not exported at the top level). */
  export function importInternal(path: 'util/scrollToIndex'): (element: HTMLElement, index: number) => void;
  export function playClip(element: HTMLElement, framesPerSecond: number): void;
  export function stopClip(element: HTMLElement): void;
  export const WwwcTool: ToolClass;
  export const PanTool: ToolClass;
  export const ZoomTool: ToolClass;
  export const LengthTool: ToolClass;
  export const EllipticalRoiTool: ToolClass;
  export const RectangleRoiTool: ToolClass;
  export const StackScrollMouseWheelTool: ToolClass;
  export const panZoomSynchronizer: SynchronizerHandler;
  export const stackImageIndexSynchronizer: SynchronizerHandler;
}

/**
 * The Review mode, the radiologist's screen: open panel, series browser and failure list on the
 * left; toolbar and the viewport grid in the middle; the review and attack lab on the right; tag
 * browser and shortcut help as dialogs.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SeriesSummary } from '../../../electron/shared/studyTypes';
import { HelpOverlay } from '../../components/HelpOverlay';
import { MeasurementList } from '../../components/MeasurementList';
import { TagBrowser } from '../../components/TagBrowser';
import { Toolbar } from '../../components/Toolbar';
import { LabPanel } from './LabPanel';
import { DemoOffer } from '../../features/study/DemoOffer';
import { FailureList } from '../../features/study/FailureList';
import { OpenPanel } from '../../features/study/OpenPanel';
import { SeriesBrowser } from '../../features/study/SeriesBrowser';
import { useStudies } from '../../features/study/useStudies';
import { frameMetaCache } from '../../viewer/aegisImageLoader';
import { selectPrimaryTool, type PrimaryTool } from '../../viewer/cornerstoneSetup';
import { commandForKey, isTypingTarget, type ViewerCommand } from '../../viewer/shortcuts';
import { publishViewerSnapshot, snapshotOf } from '../../viewer/testHook';
import { LAYOUT_SIZE, ViewerGrid, type Layout } from '../../viewer/ViewerGrid';
import { EMPTY_VIEWPORT_STATE, type ViewportController, type ViewportState } from '../../viewer/ViewportController';
import { modalityRange, presetsFor, type WindowPreset } from '../../viewer/windowPresets';
import type { ModeProps } from '../modeTypes';

const MAX_VIEWPORTS = 4;

/** Zoom step of the + / − commands. */
const ZOOM_STEP = 1.25;

/** The viewer, its studies and the lab. */
export function ReviewMode({ api }: ModeProps) {
  const studies = useStudies(api);
  const [layout, setLayout] = useState<Layout>('1x1');
  const [slotUids, setSlotUids] = useState<(string | null)[]>(Array(MAX_VIEWPORTS).fill(null));
  const [active, setActive] = useState(0);
  const activeRef = useRef(active);
  activeRef.current = active;
  const [tool, setTool] = useState<PrimaryTool>('Wwwc');
  const [sync, setSync] = useState(true);
  const [states, setStates] = useState<ViewportState[]>(Array(MAX_VIEWPORTS).fill(EMPTY_VIEWPORT_STATE));
  const [dialog, setDialog] = useState<'tags' | 'help' | null>(null);
  const controllers = useRef<(ViewportController | null)[]>(Array(MAX_VIEWPORTS).fill(null));

  const byUid = useMemo(() => new Map(studies.series.map((s) => [s.seriesInstanceUid, s])), [studies.series]);
  const slots = slotUids.map((uid) => (uid ? (byUid.get(uid) ?? null) : null));
  const visible = LAYOUT_SIZE[layout];

  // Show what was just opened in the active viewport; on start, the first series of the workspace.
  useEffect(() => {
    const first = studies.lastOpened[0];
    if (first) setSlotUids((s) => s.map((u, i) => (i === activeRef.current ? first.seriesInstanceUid : u)));
  }, [studies.lastOpened]);
  useEffect(() => {
    if (studies.series.length > 0) setSlotUids((s) => (s.every((u) => u === null) ? [studies.series[0].seriesInstanceUid, ...s.slice(1)] : s));
  }, [studies.series]);

  const onState = useCallback((index: number, state: ViewportState) => {
    setStates((s) => s.map((x, i) => (i === index ? state : x)));
  }, []);

  useEffect(() => {
    publishViewerSnapshot({
      layout,
      activeViewport: active,
      sync,
      viewports: states.slice(0, visible).map((s, i) => snapshotOf(i, slotUids[i], s)),
    });
  }, [layout, active, sync, states, visible, slotUids]);

  const activeState = states[active];
  const activeMeta = activeState.imageId ? frameMetaCache.get(activeState.imageId) : undefined;
  const presets = useMemo(
    () =>
      activeMeta
        ? presetsFor(
            activeMeta.modality,
            activeMeta.windowCenter !== null && activeMeta.windowWidth !== null
              ? { windowCenter: activeMeta.windowCenter, windowWidth: activeMeta.windowWidth }
              : null,
            modalityRange(activeMeta),
          )
        : [],
    [activeMeta],
  );

  const chooseTool = useCallback((t: PrimaryTool) => {
    selectPrimaryTool(t);
    setTool(t);
  }, []);

  const changeLayout = (next: Layout) => {
    // Fill newly visible empty slots with the series that follow the active one.
    setSlotUids((current) => {
      const list = studies.series;
      const startUid = current[active] ?? list[0]?.seriesInstanceUid;
      const start = Math.max(0, list.findIndex((s) => s.seriesInstanceUid === startUid));
      return current.map((uid, i) => uid ?? (i < LAYOUT_SIZE[next] && list.length ? list[(start + i) % list.length].seriesInstanceUid : null));
    });
    if (active >= LAYOUT_SIZE[next]) setActive(0);
    setLayout(next);
  };

  const pickPaths = async (kind: 'files' | 'folder') => (await api.call('app.pickPaths', { kind })).paths;

  const selectSeries = (s: SeriesSummary) => setSlotUids((u) => u.map((x, i) => (i === active ? s.seriesInstanceUid : x)));

  const applyPreset = (p: WindowPreset) => controllers.current[active]?.setVoi(p.voi);

  const run = (command: ViewerCommand) => {
    const c = controllers.current[active];
    const presetIndex = { preset1: 0, preset2: 1, preset3: 2, preset4: 3, preset5: 4 } as Record<string, number>;
    if (command in presetIndex) {
      const p = presets[presetIndex[command]];
      if (p) applyPreset(p);
      return;
    }
    switch (command) {
      case 'nextImage': return c?.scrollBy(1);
      case 'previousImage': return c?.scrollBy(-1);
      case 'firstImage': return c?.scrollTo(0);
      case 'lastImage': return c?.scrollTo(Number.MAX_SAFE_INTEGER);
      case 'zoomIn': return c?.zoomBy(ZOOM_STEP);
      case 'zoomOut': return c?.zoomBy(1 / ZOOM_STEP);
      case 'fit': return c?.fit();
      case 'rotateRight': return c?.rotateBy(90);
      case 'rotateLeft': return c?.rotateBy(-90);
      case 'flipHorizontal': return c?.flipHorizontal();
      case 'flipVertical': return c?.flipVertical();
      case 'invert': return c?.toggleInvert();
      case 'cine': return c?.toggleCine();
      case 'reset': return c?.reset();
      case 'toolWwwc': return chooseTool('Wwwc');
      case 'toolPan': return chooseTool('Pan');
      case 'toolZoom': return chooseTool('Zoom');
      case 'toolLength': return chooseTool('Length');
      case 'toolRoi': return chooseTool('EllipticalRoi');
      case 'nextViewport': return setActive((a) => (a + 1) % visible);
      case 'previousViewport': return setActive((a) => (a + visible - 1) % visible);
      case 'tags': return setDialog(activeState.imageId ? 'tags' : null);
      case 'help': return setDialog('help');
      case 'close':
        c?.stopCine();
        return setDialog(null);
    }
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const target = e.target as HTMLElement | null;
      const command = commandForKey(e);
      if (!command) return;
      // Space and Enter on a focused button keep their usual meaning.
      if (target?.tagName === 'BUTTON' && e.key === ' ') return;
      e.preventDefault();
      runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const readySlots = states.slice(0, visible).flatMap((s, i) => (s.imageId ? [i] : []));

  return (
    <div className="app">
      <aside className="sidebar" aria-label="Studies">
        <OpenPanel
          job={studies.job}
          error={studies.error}
          onOpen={(p) => void studies.open(p)}
          onCancel={studies.cancel}
          onPick={api.transport === 'ipc' ? pickPaths : undefined}
        />
        <DemoOffer api={api} />
        <FailureList failures={studies.failures} scanned={studies.scanned} />
        <MeasurementList measurements={activeState.measurements} />
        <SeriesBrowser series={studies.series} shown={slotUids.slice(0, visible).filter((u): u is string => u !== null)} onSelect={selectSeries} />
      </aside>
      <main className="viewer">
        <Toolbar
          tool={tool}
          onTool={chooseTool}
          presets={presets}
          onPreset={applyPreset}
          onCommand={run}
          layout={layout}
          onLayout={changeLayout}
          sync={sync}
          onSync={setSync}
          invert={activeState.invert}
          cinePlaying={activeState.cinePlaying}
          hasImage={activeState.imageId !== null}
        />
        <ViewerGrid
          layout={layout}
          slots={slots}
          active={active}
          sync={sync}
          readySlots={readySlots}
          onActivate={setActive}
          controllers={controllers}
          onState={onState}
        />
      </main>
      <LabPanel api={api} imageId={activeState.imageId} element={controllers.current[active]?.element ?? null} />
      {dialog === 'tags' && activeState.imageId && <TagBrowser api={api} imageId={activeState.imageId} onClose={() => setDialog(null)} />}
      {dialog === 'help' && <HelpOverlay onClose={() => setDialog(null)} />}
    </div>
  );
}

/**
 * The shell: the Aegis bar with the mode switch, and the active mode's screen below it. The modes
 * (Review, Reader study, QA) come from `modes/registry.ts`; the chosen one is kept in `#mode=`.
 */
import { Suspense, useCallback, useEffect, useState } from 'react';
import type { ApiClient } from './api/apiClient';
import { ModeSwitch, modeTabId } from './modes/ModeSwitch';
import type { ModeId } from './modes/modeTypes';
import { MODES, modeById } from './modes/registry';

/** Props: the API client for this page. */
export interface AppProps {
  api: ApiClient;
}

/** The mode named by the page's `#mode=` hash (the first mode when there is none). */
function modeFromHash(): ModeId {
  return modeById(new URLSearchParams(window.location.hash.slice(1)).get('mode')).id;
}

/** The whole app: bar, switch and the active mode. */
export function App({ api }: AppProps) {
  const [modeId, setModeId] = useState<ModeId>(modeFromHash);
  const mode = modeById(modeId);

  const select = useCallback((id: ModeId) => {
    setModeId(id);
    const url = new URL(window.location.href);
    url.hash = id === MODES[0].id ? '' : `mode=${id}`;
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }, []);

  useEffect(() => {
    const onHash = () => setModeId(modeFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const Mode = mode.component;
  return (
    <div className="shell" data-mode={mode.id}>
      <header className="shell-bar">
        <h1>Aegis</h1>
        <span className="dim">{api.transport === 'ipc' ? 'desktop' : 'browser mode'}</span>
        <ModeSwitch modes={MODES} active={mode.id} onSelect={select} />
      </header>
      <div id="mode-panel" className="mode-panel" role="tabpanel" aria-labelledby={modeTabId(mode.id)}>
        <Suspense fallback={<p className="mode-loading dim">Opening {mode.label}…</p>}>
          <Mode api={api} />
        </Suspense>
      </div>
    </div>
  );
}

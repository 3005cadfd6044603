/** Renderer entry: picks the transport, wires cornerstone and the `aegis:` loader, mounts the app. */
import { createRoot } from 'react-dom/client';
import { createApi } from './api/createApi';
import { App } from './App';
import { registerAegisImageLoader } from './viewer/aegisImageLoader';
import { initCornerstone } from './viewer/cornerstoneSetup';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
try {
  const api = createApi();
  initCornerstone();
  registerAegisImageLoader(api);
  root.render(<App api={api} />);
} catch (err) {
  root.render(
    <main className="fatal" role="alert">
      <h1>Aegis could not start</h1>
      <p>{err instanceof Error ? err.message : String(err)}</p>
    </main>,
  );
}

// Builds what Electron and the packaged app run: the main process, the preload (one CommonJS
// bundle), the engine process (esbuild), and the renderer (Vite). `npm run web` and the CLI run the
// TypeScript sources through tsx and only need the renderer bundle.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { BUNDLE_EXTERNALS } from './bundleExternals.mjs';

const nodeBundles = [
  { entry: 'electron/main/main.ts', out: 'dist/main/main.cjs' },
  // Sandboxed: its `require` knows only electron, events, timers and url, so no Node banner.
  { entry: 'electron/preload/preload.ts', out: 'dist/preload/preload.cjs', sandboxed: true },
  { entry: 'electron/engine/engineProcess.ts', out: 'dist/engine/engineProcess.cjs' },
];

for (const { entry, out, sandboxed } of nodeBundles) {
  if (!existsSync(entry)) continue;
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: BUNDLE_EXTERNALS,
    // CommonJS has no import.meta: give modules that locate files or packages from import.meta.url
    // (createRequire, engine entry lookup) the bundle's own URL instead of undefined.
    ...(sandboxed
      ? {}
      : {
          banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
          define: { 'import.meta.url': '__importMetaUrl' },
        }),
    logLevel: 'warning',
  });
}

if (existsSync('renderer/vite.config.ts')) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

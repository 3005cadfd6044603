// Vite build of the renderer: root renderer/, output dist/renderer, relative asset paths so the same
// bundle loads from Electron's app:// protocol and from the loopback server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// This file's folder, as Vite resolves it when it loads the config (no Node import needed here).
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  resolve: {
    // Exactly one copy of cornerstone, whoever imports it.
    dedupe: ['cornerstone-core', 'cornerstone-tools', 'cornerstone-math', 'hammerjs', 'react', 'react-dom'],
  },
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});

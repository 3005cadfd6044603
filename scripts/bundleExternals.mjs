// Packages the Node bundles (Electron main, engine process) leave to run-time resolution from
// node_modules: native addons, and ES-only packages with top-level await (the QA report's Vega charts,
// loaded by dynamic import()), which a CommonJS bundle cannot hold. Shared by scripts/build.mjs and
// the tests that bundle main.ts the same way.
/** @type {string[]} */
export const BUNDLE_EXTERNALS = ['electron', 'onnxruntime-node', 'better-sqlite3', 'vega', 'vega-lite'];

/**
 * Issue #13: onnxruntime's telemetry (DNS lookup and upload to an outside host, a device id and an
 * event database under ~/.cache/Microsoft, /tmp/mat-debug-*.log) is switched off by every entry point
 * that can load onnxruntime — the engine process, the CLI and the Electron main process — before it
 * loads. A preloaded hook records the switch's value at the moment a process first loads
 * onnxruntime's native library (or first requires a native package); the environment given to each
 * process lacks the variable, so only the product can have set it. A predict run by the CLI and by
 * the engine, with a fresh $HOME, leaves nothing under $HOME.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_EXTERNALS } from '../../../scripts/bundleExternals.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNpy } from '../../../electron/engine/io/npy';
import { EngineHost } from '../../../electron/services/engineHost';
import { forkEngine } from '../../../electron/services/forkEngine';
import { JobStore } from '../../../electron/services/jobStore';
import { openWorkspace } from '../../../electron/services/workspace/openWorkspace';

const MODEL = resolve('native-models/demo-nodule-classifier/model.onnx');
const NATIVE = ['electron', 'onnxruntime-node', 'better-sqlite3'];
const root = mkdtempSync(join(tmpdir(), 'aegis-telemetry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Preloaded with --require: appends "<when>: <ORT_DISABLE_TELEMETRY>" to $TELEMETRY_PROBE_OUT the
// first time the process loads onnxruntime's binding or requires a native package, and at exit.
const hook = join(root, 'hook.cjs');
writeFileSync(
  hook,
  `const fs = require('node:fs');
const Module = require('node:module');
const native = ${JSON.stringify(NATIVE)};
let done = false;
const report = (at) => {
  if (done) return;
  done = true;
  fs.appendFileSync(process.env.TELEMETRY_PROBE_OUT, at + ': ' + process.env.ORT_DISABLE_TELEMETRY + '\\n');
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (native.includes(request)) report('require ' + request);
  return load.call(this, request, ...rest);
};
const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
  if (/onnxruntime/.test(filename)) report('load of onnxruntime');
  return dlopen.call(this, module, filename, ...rest);
};
process.on('exit', () => report('exit'));
`,
);

/** The environment of a probed child: fresh $HOME, no switch, the hook preloaded. */
function probedEnv(name: string): { env: NodeJS.ProcessEnv; home: string; out: string } {
  const home = join(root, `${name}-home`);
  mkdirSync(home);
  const out = join(root, `${name}.probe`);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, AEGIS_HOME: join(root, `${name}-aegis`), TELEMETRY_PROBE_OUT: out };
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${hook}`.trim();
  delete env.ORT_DISABLE_TELEMETRY;
  delete env.XDG_CACHE_HOME;
  return { env, home, out };
}

function probe(out: string): string[] {
  return existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : [];
}

/** Every path under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String);
}

function firstImport(file: string): string | undefined {
  return /^import\s+(?:[^'"]*from\s+)?'([^']+)'/m.exec(readFileSync(file, 'utf8'))?.[1];
}

describe('onnxruntime telemetry is off in every process that can load it', () => {
  it('each entry point imports the switch first; bin/aegis.js sets it before loading the CLI', () => {
    expect(firstImport('electron/engine/engineProcess.ts')).toBe('./onnx/telemetryOff');
    expect(firstImport('electron/cli/main.ts')).toBe('../engine/onnx/telemetryOff');
    expect(firstImport('electron/main/main.ts')).toBe('../services/telemetryOff');
    const bin = readFileSync('bin/aegis.js', 'utf8');
    expect(bin.indexOf("process.env.ORT_DISABLE_TELEMETRY = '1'")).toBeGreaterThan(0);
    expect(bin.indexOf("process.env.ORT_DISABLE_TELEMETRY = '1'")).toBeLessThan(bin.indexOf("await import('../electron/cli/main.ts')"));
  });

  it('the Electron main bundle has set it when it first requires a native package', async () => {
    const bundle = join(root, 'main.cjs');
    await build({
      entryPoints: ['electron/main/main.ts'],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: BUNDLE_EXTERNALS,
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__importMetaUrl' },
      logLevel: 'silent',
    });
    const { env, out } = probedEnv('main');
    // Plain Node gives main.ts no Electron API, so it stops right after the probe has spoken.
    spawnSync(process.execPath, [bundle], { env, encoding: 'utf8', timeout: 60_000 });
    expect(probe(out)).toEqual(['require electron: 1']);
  });

  it('a CLI predict loads onnxruntime with the switch set and writes nothing under a fresh $HOME', async () => {
    const x = join(root, 'x.npy');
    await writeNpy(x, { data: new Float32Array(224 * 224).fill(0.5), shape: [1, 1, 224, 224] });
    const { env, home, out } = probedEnv('cli');
    const r = spawnSync(process.execPath, ['bin/aegis.js', 'predict', '--model', MODEL, x, '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(r.stdout).provider).toBe('cpu');
    expect(probe(out)).toEqual(['load of onnxruntime: 1']);
    expect(tree(home)).toEqual([]);
  });

  it('a predict in the engine process loads onnxruntime with the switch set and writes nothing under a fresh $HOME', async () => {
    const x = join(root, 'x2.npy');
    await writeNpy(x, { data: new Float32Array(224 * 224).fill(0.25), shape: [1, 1, 224, 224] });
    const { env, home, out } = probedEnv('engine');
    // forkEngine hands this process's environment on: swap in the probed one while the engine starts.
    const saved = { ...process.env };
    Object.assign(process.env, env);
    delete process.env.ORT_DISABLE_TELEMETRY;
    const ws = openWorkspace(join(root, 'engine-workspace'));
    const jobs = new JobStore(ws.db, () => undefined);
    const host = new EngineHost({ spawn: forkEngine(), jobs });
    try {
      const job = await jobs.wait(host.submit('predict', { model: MODEL, image: x }));
      expect(job.error).toBeNull();
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      await host.close();
      ws.close();
    }
    expect(probe(out)).toEqual(['load of onnxruntime: 1']);
    expect(tree(home)).toEqual([]);
  });
});

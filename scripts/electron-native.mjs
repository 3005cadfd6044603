// `npm start` runs this before Electron. better-sqlite3 in node_modules is compiled for Node's ABI
// (npm test and the CLI need that one); Electron needs its own build. This prepares it once per
// Electron version in .cache/electron-native/electron-<version>/better_sqlite3.node, trying a
// prebuilt binary first and compiling against Electron's headers otherwise (both need network once,
// like Electron's own first launch). The main process loads it through AEGIS_SQLITE_BINDING.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const target = join('.cache', 'electron-native', `electron-${electronVersion}`, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'aegis-electron-sqlite-'));
try {
  cpSync(pkgDir, work, { recursive: true, filter: (src) => !src.includes(`${join(pkgDir, 'build')}`) });
  const bin = (name) => join(process.cwd(), 'node_modules', '.bin', name);
  const common = { cwd: work, stdio: 'inherit' };
  let r = spawnSync(bin('prebuild-install'), ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`], common);
  if (r.status !== 0) {
    console.log('No prebuilt better-sqlite3 for this Electron; compiling it against Electron headers…');
    r = spawnSync(bin('node-gyp'), ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], common);
  }
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !existsSync(built)) {
    console.error('aegis: could not prepare better-sqlite3 for Electron (network needed once). The browser mode works without it: npm run web');
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
  console.log(`Prepared ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

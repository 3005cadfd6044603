/**
 * The packaging configuration, loaded and schema-checked by electron-builder's own code (the step
 * `npm run dist` runs first): every fuse set as the security checklist asks, the four installer
 * targets, native code unpacked from the asar, the models shipped as extra resources.
 */
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';

async function load(): Promise<Configuration> {
  const config = await getConfig(process.cwd(), 'build/electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('build/electron-builder.yml', () => {
  it('passes electron-builder’s schema and sets every fuse', async () => {
    const config = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage + deb, dmg and nsis, unpacks native code and ships native-models', async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/onnxruntime-node/bin/**', '**/node_modules/better-sqlite3/build/Release/*.node']),
    );
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'native-models', to: 'native-models' })]);
    // electron-builder normalises `files` into one pattern set.
    const files = config.files as [{ filter: string[] }];
    expect(files[0].filter).toEqual(expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'dist/engine/**', 'dist/renderer/**']));
  });
});

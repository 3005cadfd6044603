/**
 * Electron smoke test: the desktop app starts, its window loads the renderer over app://, and the
 * preload exposes the contract bridge. Skipped where no Electron binary is installed (it downloads
 * on first launch) or no display is available.
 */
import { existsSync } from 'node:fs';
import { _electron as electron, expect, test } from '@playwright/test';

const ELECTRON = 'node_modules/electron/dist/electron';

test('electron: the app window shows the viewer', async () => {
  test.skip(!existsSync(ELECTRON), 'No Electron binary (node_modules/electron/dist/electron); skipped.');
  test.skip(process.platform === 'linux' && !process.env.DISPLAY, 'No X display; run under xvfb-run.');
  test.skip(!existsSync('dist/main/main.cjs'), 'Electron main not built (npm run build).');
  const app = await electron.launch({ executablePath: ELECTRON, args: ['.', '--no-sandbox'] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Aegis' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\//);
    expect(await window.evaluate(() => typeof (window as unknown as { aegis?: unknown }).aegis)).toBe('object');
  } finally {
    await app.close();
  }
});

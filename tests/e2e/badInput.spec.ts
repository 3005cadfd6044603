/**
 * Bad input end to end: a folder holding good DICOM files, a non-DICOM file and a truncated DICOM
 * file. The good series opens and renders, the failure list names each bad file with a plain-words
 * reason, and the viewer keeps working.
 */
import { expect, test } from '@playwright/test';
import { APP_URL, BAD_INPUT_DIR } from './e2eEnv';
import { BAD_INPUT } from './e2eFixtures';
import { canvasStats, shot, waitForViewport } from './viewerPage';

test('bad input: failures are listed in plain words and the viewer keeps working', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(APP_URL);
  await page.getByLabel('File or folder path').fill(BAD_INPUT_DIR);
  await page.getByRole('button', { name: 'Open', exact: true }).click();

  const failures = page.getByRole('list', { name: 'Files that could not be opened' });
  await expect(failures.locator('li')).toHaveCount(BAD_INPUT.badFiles.length);
  for (const bad of BAD_INPUT.badFiles) {
    const item = failures.locator('li', { hasText: bad.name });
    await expect(item).toHaveCount(1);
    const reason = (await item.locator('.failure-reason').textContent()) ?? '';
    expect(reason, `reason for ${bad.name}`).toMatch(bad.reason);
    expect(reason, 'no stack trace in the UI').not.toMatch(/\bat .+:\d+:\d+/);
  }

  await expect(page.locator('.series-item', { hasText: BAD_INPUT.seriesName })).toHaveCount(1);
  await expect(page.locator('.series-item', { hasText: BAD_INPUT.seriesName })).toContainText(`${BAD_INPUT.goodSlices} images`);
  await waitForViewport(page, 0, (s) => s.imageId !== null && s.renderCount > 0, 'good series rendered');
  const before = await canvasStats(page, 0);
  expect(before.std).toBeGreaterThan(5);
  await page.locator('#viewport-0').focus();
  await page.keyboard.press('i');
  await waitForViewport(page, 0, (s) => s.invert, 'still responsive: inverted');
  expect((await canvasStats(page, 0)).digest).not.toBe(before.digest);
  await shot(page, '07-bad-input');

  // A path that does not exist is reported the same way, and the image stays on screen.
  await page.getByLabel('File or folder path').fill(`${BAD_INPUT_DIR}/no-such-folder`);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(failures.locator('li')).toHaveCount(1);
  await expect(failures.locator('li .failure-reason')).toHaveText(/not found/i);
  await waitForViewport(page, 0, (s) => s.imageId !== null && s.invert, 'image still shown');
  expect(pageErrors).toEqual([]);
});

/**
 * A folder of 10,000 mixed files: indexing shows progress and can be cancelled, the window never
 * freezes while it runs, and when it finishes the one series is listed and the 9,990 other files are
 * counted with their reasons (the list shows the first 500).
 */
import { expect, test, type Page } from '@playwright/test';
import { APP_URL, LARGE_DIR } from './e2eEnv';
import { LARGE_FOLDER } from './e2eFixtures';
import { shot, waitForViewport } from './viewerPage';

/** Starts recording the longest gap between animation frames (ms), i.e. how long the page froze. */
async function startFreezeMeter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __maxFrameGap: number; __meter: boolean };
    w.__maxFrameGap = 0;
    w.__meter = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__maxFrameGap = Math.max(w.__maxFrameGap, now - last);
      last = now;
      if (w.__meter) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopFreezeMeter(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __maxFrameGap: number; __meter: boolean };
    w.__meter = false;
    return w.__maxFrameGap;
  });
}

test('10,000 mixed files: progress, cancel, no frozen window, plain reasons', async ({ page }) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(APP_URL);
  const path = page.getByLabel('File or folder path');
  const progress = page.getByRole('progressbar', { name: 'Indexing progress' });

  // Cancel as soon as the job can be cancelled (clicked inside the page: a warm disk indexes fast).
  await path.fill(LARGE_DIR);
  const cancelled = page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const observer = new MutationObserver(() => {
          const button = Array.from(document.querySelectorAll('.job-progress button')).find((b) => b.textContent === 'Cancel') as HTMLButtonElement | undefined;
          if (button && !button.disabled) {
            observer.disconnect();
            button.click();
            resolve(true);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      }),
  );
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  expect(await cancelled).toBe(true);
  await expect(progress).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('.open-error')).toContainText(/cancelled/i);
  await expect(page.locator('.series-item', { hasText: LARGE_FOLDER.seriesName })).toHaveCount(0);

  // Open it all the way, watching the frame rate.
  await startFreezeMeter(page);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(progress).toBeVisible();
  await shot(page, '15-large-folder-progress');
  await expect(progress).toHaveCount(0, { timeout: 90_000 });
  const maxGap = await stopFreezeMeter(page);
  expect(maxGap, 'longest frame gap while indexing (ms)').toBeLessThan(1000);

  await expect(page.locator('.series-item', { hasText: LARGE_FOLDER.seriesName })).toContainText(`${LARGE_FOLDER.slices} images`);
  const total = LARGE_FOLDER.slices + LARGE_FOLDER.junkFiles;
  await expect(page.locator('.failure-list summary')).toHaveText(
    `${LARGE_FOLDER.junkFiles.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} files could not be opened`,
  );
  await expect(page.getByRole('list', { name: 'Files that could not be opened' }).locator('li')).toHaveCount(500);
  await expect(page.locator('.failure-more')).toHaveText(`…and ${(LARGE_FOLDER.junkFiles - 500).toLocaleString('en-US')} more.`);
  await expect(page.locator('.failure-reason').first()).toContainText(/not a DICOM file/);
  await waitForViewport(page, 0, (s) => s.imageCount === LARGE_FOLDER.slices && s.renderCount > 0, 'series from the crowded folder shown');
  await shot(page, '16-large-folder-done');
  expect(pageErrors).toEqual([]);
});

/**
 * Review mode a radiologist can trust (issue 19), on the demo study at 1600×1000 in browser mode:
 * the previous image's AI call is greyed and named the moment the image changes, never shown as the
 * current call. Screenshots: test-results/trust-NN-step.png (look at them).
 */
import { expect, test, type Page } from '@playwright/test';
import { APP_URL } from './e2eEnv';
import { labApi } from './labApi';
import { viewportState, waitForViewport } from './viewerPage';

const shot = (page: Page, step: string) => page.screenshot({ path: `test-results/trust-${step}.png` });
const DEMO_CLASSIFIER = 'bundled:demo-nodule-classifier';

test.use({ viewport: { width: 1600, height: 1000 } });

async function openDemoSetA(page: Page): Promise<void> {
  const api = labApi();
  try {
    await api.call('app.demo', {});
  } finally {
    api.close();
  }
  await page.goto(APP_URL);
  const setA = page.locator('.series-item', { hasText: 'screening set A (PHANTOM)' });
  await setA.first().click();
  await waitForViewport(page, 0, (v) => v.imageId !== null && v.imageCount === 10 && v.renderCount > 0, 'demo set A rendered');
}

/** Records, on every frame, any moment the panel shows a call as current for another image than the viewport's. */
async function watchForStaleCalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __staleSeen: string[]; __aegisViewer?: { viewports: { imageId: string | null }[] } };
    w.__staleSeen = [];
    const tick = () => {
      const panel = document.querySelector('.prediction');
      const shown = w.__aegisViewer?.viewports[0]?.imageId ?? null;
      const bars = panel?.querySelector('[aria-label="Prediction"]');
      const greyed = bars?.closest('.prediction-stale') !== null;
      if (panel && bars && !greyed && panel.getAttribute('data-image-id') !== shown) {
        w.__staleSeen.push(`${panel.getAttribute('data-state')}: call for ${panel.getAttribute('data-image-id')} shown on ${shown}`);
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

test('item 1: the previous image\'s call is greyed and named at once, never shown as current', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemoSetA(page);
  await page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/).selectOption(DEMO_CLASSIFIER);
  const panel = page.locator('.prediction');
  const first = (await viewportState(page, 0)).imageId!;
  await expect(panel).toHaveAttribute('data-state', 'current', { timeout: 30_000 });
  await expect(panel).toHaveAttribute('data-image-id', first);
  await expect(page.getByTestId('prediction-for')).toHaveText('Call for image 1 of 10');
  await shot(page, '01-call-image-1');

  await watchForStaleCalls(page);
  await page.locator('#viewport-0').focus();
  await page.keyboard.press('ArrowDown');
  // At once, before the new job can finish: the old call is greyed and says whose it is.
  await expect(panel).toHaveAttribute('data-state', 'stale', { timeout: 200 });
  await expect(page.getByTestId('prediction-for')).toContainText('Previous call: image 1 of 10');
  await shot(page, '02-stale-greyed');
  const second = (await viewportState(page, 0)).imageId!;
  await expect(panel).toHaveAttribute('data-image-id', second, { timeout: 30_000 });
  await expect(panel).toHaveAttribute('data-state', 'current');
  await expect(page.getByTestId('prediction-for')).toHaveText('Call for image 2 of 10');

  // A W/L drag and a few quick scrolls: still never a current-looking call for another image.
  const box = (await page.locator('#viewport-0').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp']) await page.keyboard.press(key);
  const now = (await viewportState(page, 0)).imageId!;
  await expect(panel).toHaveAttribute('data-image-id', now, { timeout: 30_000 });
  await expect(panel).toHaveAttribute('data-state', 'current');
  await shot(page, '03-after-scrolls');
  expect(await page.evaluate(() => (window as unknown as { __staleSeen: string[] }).__staleSeen)).toEqual([]);
});

test('item 2: calibration size must support the stated FPR, the achieved FPR has its CI, overlap with the tested series is flagged', async ({ page }) => {
  test.setTimeout(180_000);
  await openDemoSetA(page);
  await page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/).selectOption(DEMO_CLASSIFIER);
  const panel = page.getByRole('region', { name: 'Suspicion' });
  await panel.getByLabel('False-positive rate').selectOption('0.05');
  await panel.getByRole('button', { name: 'Calibrate on this series' }).click();
  await expect(panel.getByRole('alert')).toContainText('A 5 % false-positive rate needs at least 38 clean images; the series on screen has 10, which supports 16.7 % or more');
  await panel.getByLabel('False-positive rate').selectOption('0.2');
  await panel.getByRole('button', { name: 'Calibrate on this series' }).click();
  await expect(page.getByTestId('calibration')).toContainText(/stated 20 % false-positive rate — on its 5 clean references \d flagged \(95 % CI [\d.]+–[\d.]+ %\)/, { timeout: 120_000 });
  await expect(page.getByTestId('calibration-overlap')).toContainText('This image was itself a calibration image');
  await shot(page, '04-calibration-honest');
});

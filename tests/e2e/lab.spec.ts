/**
 * The review and attack lab end to end (Chromium, browser mode, real server and engine): open a CT
 * slice → import a tiny classifier → prediction bars → Grad-CAM layer changes the canvas where it is
 * drawn (and G hides it) → PGD eps 0.02 → compare view with three synchronised viewports, the call
 * changed, ADVERSARIAL badge, flicker and swipe → exports: the DICOM re-opens with identical pixels,
 * PNG download, record JSON → robustness margin. Screenshots: test-results/lab-NN-step.png.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { APP_URL, MULTI_SERIES_DIR } from './e2eEnv';
import { labApi, storedPixelBytes } from './labApi';
import { LAB_PATHS, makeLabFixtures } from './labFixtures';
import { canvasStats, viewportState, waitForViewport } from './viewerPage';

const shot = (page: Page, step: string) => page.screenshot({ path: `test-results/lab-${step}.png` });
type CompareHook = { mode: string; phase: string; panes: { imageId: string | null; scale: number | null; voi: { windowWidth: number; windowCenter: number } | null; renderCount: number }[] };
const compareHook = (page: Page) => page.evaluate(() => (window as unknown as { __aegisCompare?: CompareHook }).__aegisCompare ?? null);

test.beforeAll(async () => {
  await makeLabFixtures();
});

async function openStudyWithModel(page: Page, modelPath: string): Promise<void> {
  await page.goto(APP_URL);
  await page.getByLabel('File or folder path').fill(LAB_PATHS.study);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await waitForViewport(page, 0, (v) => v.imageId !== null && v.renderCount > 0, 'CT slice rendered');
  await page.getByLabel('Import .onnx (path)').fill(modelPath);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

test('lab: predict, Grad-CAM layer, PGD eps 0.02, synchronised compare, exports that re-open identically', async ({ page }) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openStudyWithModel(page, LAB_PATHS.model);

  // Predict: bars for both classes, "normal" decided, provider stated.
  const bars = page.getByRole('list', { name: 'Prediction' });
  await expect(bars.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await expect(bars.getByRole('listitem').first()).toHaveAttribute('aria-label', /^normal: 5\d\.\d %$/);
  await expect(page.getByTestId('provider')).toHaveText(/\w/);
  await shot(page, '01-predict');

  // Grad-CAM: the layer changes the canvas where it is drawn; G hides and shows it.
  await page.getByRole('region', { name: 'Saliency' }).getByLabel('Method').selectOption('gradcam');
  const before = await canvasStats(page, 0);
  await page.getByRole('button', { name: 'Compute map', exact: true }).click();
  await expect(page.getByTestId('saliency-facts')).toContainText('Grad-CAM', { timeout: 30_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const withMap = await canvasStats(page, 0);
  await shot(page, '02-gradcam');
  expect(withMap.digest, 'the overlay changed the picture').not.toBe(before.digest);
  expect(Math.abs(withMap.mean - before.mean), 'mean luminance moved').toBeGreaterThan(0.1);
  await page.locator('body').click({ position: { x: 5, y: 790 } });
  await page.keyboard.press('g');
  await expect.poll(async () => (await canvasStats(page, 0)).digest, { message: 'G hides the layer' }).toBe(before.digest);
  await page.keyboard.press('g');
  await expect.poll(async () => (await canvasStats(page, 0)).digest, { message: 'G shows it again' }).toBe(withMap.digest);

  // Sanity check (Adebayo et al. 2018): the map with randomised weights, and how similar it stays.
  // (Vanilla gradient here: the engine refuses Grad-CAM's check on this model, whose randomised map is constant.)
  await page.getByRole('region', { name: 'Saliency' }).getByLabel('Method').selectOption('vanilla');
  await page.getByRole('button', { name: 'Map + sanity check' }).click();
  await expect(page.getByTestId('saliency-facts')).toContainText('With randomised weights: rank correlation of |map| ρ', { timeout: 60_000 });

  // PGD eps 0.02 → compare view; the call changed.
  const lab = page.getByRole('region', { name: 'Attack lab' });
  await lab.getByLabel(/^Method/).selectOption('pgd');
  await lab.getByLabel('Budget eps (normalised units)').fill('0.02');
  await lab.getByLabel('Steps', { exact: true }).fill('20');
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  await lab.getByRole('button', { name: 'Run attack' }).click();
  await expect(page.getByRole('button', { name: 'Run attack' })).toBeEnabled({ timeout: 60_000 });
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  console.log(`lab e2e: renderer long tasks during the attack job: ${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`);
  expect(Math.max(0, ...longTasks), 'no long task over 200 ms while the attack runs').toBeLessThan(200);
  const view = page.getByRole('region', { name: 'Compare original and attacked image' });
  await expect(view).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('attack-outcome')).toHaveText('the call changed');
  await expect.poll(async () => (await compareHook(page))?.panes.every((p) => p.imageId !== null && p.renderCount > 0)).toBe(true);
  await expect(view.getByText('ADVERSARIAL', { exact: true })).toBeVisible();
  await expect(view.getByRole('list', { name: 'Call before and after the attack' }).getByRole('listitem').nth(1)).toHaveAttribute('aria-label', /^nodule: .* before, 5\d\.\d % after$/);
  await expect(view.getByRole('table', { name: 'Perturbation metrics' })).toContainText('L∞');
  for (const i of [10, 11, 12]) expect((await canvasStats(page, i)).std, `viewport ${i} shows an image`).toBeGreaterThan(1);
  await shot(page, '03-compare');

  // Synchronised: zoom and window/level in one pane reach the others.
  const scale0 = (await compareHook(page))!.panes[0]!.scale!;
  await view.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => (await compareHook(page))!.panes.map((p) => p.scale)).toEqual([scale0 * 1.25, scale0 * 1.25, scale0 * 1.25]);
  const box = (await page.locator('#viewport-10').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 8 });
  await page.mouse.up();
  const panes = (await compareHook(page))!.panes;
  expect(panes[1]!.voi).toEqual(panes[0]!.voi);
  await shot(page, '04-compare-synchronised');

  // Flicker shows the original in the attacked pane now and then; swipe overlays the two.
  await view.getByRole('button', { name: 'Flicker' }).click();
  await expect.poll(async () => (await compareHook(page))?.phase, { timeout: 5_000, intervals: [100] }).toBe('original');
  await shot(page, '05-flicker-original');
  await view.getByRole('button', { name: 'Swipe' }).click();
  await expect(view.getByLabel(/Curtain/)).toBeVisible();
  await shot(page, '06-swipe');
  await view.getByRole('button', { name: 'Side by side' }).click();

  // Exports: DICOM (re-opens with identical pixels), PNG download, record JSON.
  await view.getByLabel('Folder (on this computer)').fill(LAB_PATHS.exportDir);
  await view.getByRole('button', { name: 'Export DICOM' }).click();
  await expect(page.getByTestId('export-message')).toContainText('Derived DICOM written: ');
  const exported = ((await page.getByTestId('export-message').textContent()) ?? '').replace('Derived DICOM written: ', '').trim();
  const api = labApi();
  try {
    const [record] = (await api.call('attacks.list', {})).attacks;
    const shown = await api.call('frames.pixels', { imageId: record!.derived.imageId });
    const reopened = await api.call('studies.open', { paths: [exported] });
    const again = await api.call('frames.pixels', { imageId: reopened.series[0]!.imageIds[0]! });
    expect(Buffer.from(again.data).equals(Buffer.from(shown.data)), 're-opened pixels equal the attacked image').toBe(true);
    expect(Buffer.from(storedPixelBytes(exported)).equals(Buffer.from(shown.data)), 'file bytes equal the attacked image').toBe(true);
  } finally {
    api.close();
  }
  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'PNG: Attacked' }).click();
  const png = await download;
  await png.saveAs('test-results/lab-attacked-viewport.png');
  expect(readFileSync('test-results/lab-attacked-viewport.png').subarray(1, 4).toString()).toBe('PNG');
  await view.getByRole('button', { name: 'Export record JSON' }).click();
  await expect(page.getByTestId('export-message')).toContainText('Record written: ');
  const json = JSON.parse(readFileSync(((await page.getByTestId('export-message').textContent()) ?? '').replace('Record written: ', '').trim(), 'utf8'));
  expect(json).toMatchObject({ params: { method: 'pgd', eps: 0.02 }, success: true });

  // Every control of the lab and the compare view has a name and is reachable with Tab.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('.lab-panel :is(button, input, select), .compare-view :is(button, input, select)')]
      .filter((el) => {
        const e = el as HTMLInputElement;
        const named = e.labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent?.trim());
        return !named || e.tabIndex < 0;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();

  // A cancelled attack ends in a plain message and the lab keeps working.
  await lab.getByLabel('Budget eps (normalised units)').fill('0.005');
  await lab.getByLabel('Steps', { exact: true }).fill('10000');
  await lab.getByRole('button', { name: 'Run attack' }).click();
  await lab.getByRole('button', { name: 'Cancel attack' }).click({ timeout: 20_000 });
  await expect(lab.getByRole('alert')).toHaveText('Attack cancelled; nothing was written.', { timeout: 30_000 });
  await expect(lab.getByRole('button', { name: 'Run attack' })).toBeEnabled();

  // The stored attack is listed for this image and reopens the compare view.
  await lab.getByRole('list', { name: 'Stored attacks of this image' }).getByRole('button', { name: /^Compare PGD eps 0.02/ }).first().click();
  await expect(view).toBeVisible();
  await expect(page.getByTestId('attack-outcome')).toHaveText('the call changed');
  await page.keyboard.press('Escape');

  // Robustness margin: bisection reports the smallest flipping budget.
  await page.getByRole('button', { name: 'Robustness margin' }).click();
  await expect(page.getByTestId('margin-result')).toContainText('Smallest L∞ budget that flips the call', { timeout: 90_000 });
  await page.getByTestId('margin-result').scrollIntoViewIfNeeded();
  await shot(page, '07-margin');

  // The derived series, opened in the main viewer, carries the badge too.
  await page.locator('.series-item', { hasText: 'derived' }).first().click();
  await expect(page.locator('.viewport').getByText('ADVERSARIAL', { exact: true })).toBeVisible();
  await shot(page, '08-derived-in-viewer');
  expect(pageErrors).toEqual([]);
});

test('lab: a model without metadata.json gets the settings form and its tensor preview', async ({ page }) => {
  await openStudyWithModel(page, LAB_PATHS.bareModel);
  const form = page.getByRole('form', { name: 'Model settings' });
  await expect(form).toBeVisible({ timeout: 30_000 });
  await form.getByLabel('Intensity mapping').selectOption('window');
  await form.getByLabel('Window centre (modality units)').fill('0');
  await form.getByLabel('Window width (modality units)').fill('2000');
  await form.getByLabel('Class names (comma-separated)').fill('normal, nodule');
  await form.getByRole('button', { name: 'Preview tensor' }).click();
  await expect(form.locator('figcaption')).toContainText('[1 × 1 × 64 × 64]', { timeout: 30_000 });
  await form.getByLabel('Std per channel').fill('0');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('alert')).toHaveText('Std: every value must be positive.');
  await form.getByLabel('Std per channel').fill('1');
  await form.locator('figcaption').scrollIntoViewIfNeeded();
  await shot(page, '09-settings-form');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('list', { name: 'Prediction' }).getByRole('listitem').first()).toHaveAttribute('aria-label', /^normal: /, { timeout: 30_000 });
});

test('lab: the prediction follows the image as the user scrolls; suspicion score and heatmap; a model the image cannot feed fails plainly', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(APP_URL);
  await page.getByLabel('File or folder path').fill(MULTI_SERIES_DIR);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.locator('.series-item', { hasText: 'CT axial' }).first().click();
  await waitForViewport(page, 0, (v) => v.imageId !== null && v.imageCount > 1, 'CT stack rendered');
  await page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/).selectOption({ label: 'E2E nodule classifier (imported)' });
  const prediction = page.locator('.prediction');
  await expect(prediction).toHaveAttribute('data-image-id', (await viewportState(page, 0)).imageId!, { timeout: 30_000 });
  await page.locator('#viewport-0').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  const moved = await waitForViewport(page, 0, (v) => v.imageIndex === 4, 'slice 5');
  await expect(prediction, 'the bars now describe slice 5').toHaveAttribute('data-image-id', moved.imageId!, { timeout: 30_000 });
  await expect(page.getByRole('list', { name: 'Prediction' }).getByRole('listitem')).toHaveCount(2);

  // Suspicion: calibrate on this clean series, score the slice, the heatmap layer changes the canvas.
  const suspicion = page.getByRole('region', { name: 'Suspicion' });
  // 12 clean slices support a stated false-positive rate of 1/7 at best: ask for 20 % (8 images), not the default 5 % (38).
  await suspicion.getByLabel('False-positive rate').selectOption('0.2');
  await suspicion.getByRole('button', { name: 'Calibrate on this series' }).click();
  await expect(suspicion.getByTestId('calibration')).toContainText(/Calibrated on \d+ clean images/, { timeout: 150_000 });
  const clean = await canvasStats(page, 0);
  await suspicion.getByRole('button', { name: 'Score suspicion' }).click();
  await expect(suspicion.getByTestId('suspicion-result')).toContainText(/score .* vs threshold/, { timeout: 60_000 });
  await expect.poll(async () => (await canvasStats(page, 0)).digest, { message: 'the suspicion layer is drawn' }).not.toBe(clean.digest);
  await suspicion.getByTestId('suspicion-result').scrollIntoViewIfNeeded();
  await shot(page, '11-suspicion');
  await page.locator('#viewport-0').focus();
  await page.keyboard.press('x');
  await expect.poll(async () => (await canvasStats(page, 0)).digest, { message: 'X hides it' }).toBe(clean.digest);

  await page.getByLabel('Import .onnx (path)').fill(LAB_PATHS.twoChannelModel);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(prediction.getByRole('alert')).toContainText(/Prediction failed: .*2 channels/, { timeout: 30_000 });
  await shot(page, '10-bad-model');
  await page.keyboard.press('ArrowUp');
  await waitForViewport(page, 0, (v) => v.imageIndex === 3, 'the viewer still scrolls');
});

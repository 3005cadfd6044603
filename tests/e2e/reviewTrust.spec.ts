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

test('item 4: presets set every field, method/norm switches reset what belonged to the old choice, headers say what ran, a model switch clears results', async ({ page }) => {
  test.setTimeout(180_000);
  await openDemoSetA(page);
  const modelSelect = page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/);
  await modelSelect.selectOption(DEMO_CLASSIFIER);
  const lab = page.getByRole('region', { name: 'Attack lab' });
  const preset = lab.getByLabel('Preset');
  await preset.selectOption('pgd-0.02');
  await expect(lab.getByLabel(/^Step size alpha/)).toHaveValue('0.005');
  await preset.selectOption('cw-l2');
  await expect(preset).toHaveValue('cw-l2'); // the menu remembers the active preset
  await expect(lab.getByLabel(/^Method/)).toHaveValue('cw');
  await expect(lab.getByLabel(/^Step size alpha/)).toHaveValue(''); // not PGD's 0.005 as C&W's learning rate
  await expect(lab.getByLabel(/^Norm/).locator('option')).toHaveText(['L2']);
  await lab.getByLabel('Steps', { exact: true }).fill('50');
  await expect(preset).toHaveValue(''); // edited by hand: custom settings
  await lab.getByLabel(/^Method/).selectOption('pgd');
  await lab.getByLabel(/^Norm/).selectOption('l2');
  await expect(lab.getByLabel('Budget eps (normalised units)')).toHaveValue('1');
  await lab.getByLabel('Budget eps (normalised units)').fill('0.02');
  await expect(page.getByTestId('budget-warning')).toContainText('cannot change the image');
  await shot(page, '05-settings-no-leak');

  await preset.selectOption('fgsm-0.02');
  await lab.getByLabel('Steps', { exact: true }).fill('10'); // asked for 10 steps; FGSM runs one
  await lab.getByRole('button', { name: 'Run attack' }).click();
  const view = page.getByRole('region', { name: 'Compare original and attacked image' });
  await expect(view).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('attack-header')).toHaveText('FGSM L∞ eps 0.02, one step, seed 0');
  // Item 10: the compare view uses the screen — each pane over 450 px wide at 1600×1000 (was ≈ 330).
  for (const i of [10, 11, 12]) expect((await page.locator(`#viewport-${i}`).boundingBox())!.width, `pane ${i} width`).toBeGreaterThan(450);
  await shot(page, '06-header-what-ran');
  await modelSelect.selectOption('bundled:demo-lung-unet');
  await expect(view).toBeHidden();
});

test('item 5: saliency explains a chosen class, shows a colour bar, and its sanity check reads consistently', async ({ page }) => {
  test.setTimeout(180_000);
  await openDemoSetA(page);
  await page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/).selectOption(DEMO_CLASSIFIER);
  const saliency = page.getByRole('region', { name: 'Saliency' });
  await saliency.getByLabel('Method').selectOption('gradcam');
  await saliency.getByLabel(/^Layer/).fill('features');
  await saliency.getByLabel('Class to explain').selectOption({ label: 'nodule absent' });
  await saliency.getByRole('button', { name: 'Compute map', exact: true }).click();
  await expect(page.getByTestId('saliency-facts')).toContainText('for “nodule absent” (class 0)', { timeout: 60_000 });
  await expect(page.getByTestId('saliency-color-bar')).toBeVisible();
  await expect(page.getByTestId('saliency-color-bar')).toContainText('attribution, unitless');
  await saliency.getByLabel('Method').selectOption('vanilla');
  await saliency.getByRole('button', { name: 'Map + sanity check' }).click();
  const facts = page.getByTestId('saliency-facts');
  await expect(facts).toContainText('rank correlation of |map| ρ', { timeout: 90_000 });
  const text = (await facts.textContent()) ?? '';
  const num = (m: RegExpExecArray | null) => (m ? Number(m[1]!.replace('−', '-')) : null);
  const rho = num(/ρ ([−-]?[\d.]+)/.exec(text))!;
  const ssim = num(/SSIM ([−-]?[\d.]+)/.exec(text));
  // The verdict agrees with both figures: "changed" only when both are below 0.5.
  if (text.includes('the map changed')) expect(Math.abs(rho) < 0.5 && (ssim === null || ssim < 0.5)).toBe(true);
  if (ssim !== null && (Math.abs(rho) < 0.5) !== (ssim < 0.5)) expect(text).toContain('inconclusive');
  await shot(page, '07-saliency-class-colorbar');
});

test('item 10: at 1600×1000 the call stays in view while the lab scrolls to the attack settings', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemoSetA(page);
  await page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/).selectOption(DEMO_CLASSIFIER);
  await expect(page.locator('.prediction')).toHaveAttribute('data-state', 'current', { timeout: 30_000 });
  await page.getByRole('region', { name: 'Attack lab' }).getByRole('button', { name: 'Run attack' }).scrollIntoViewIfNeeded();
  const bars = (await page.getByRole('list', { name: 'Prediction' }).boundingBox())!;
  const run = (await page.getByRole('button', { name: 'Run attack' }).boundingBox())!;
  expect(bars.y, 'the call is on screen').toBeGreaterThanOrEqual(0);
  expect(bars.y + bars.height, 'the call is on screen').toBeLessThanOrEqual(1000);
  expect(run.y + run.height, 'the attack button is on screen').toBeLessThanOrEqual(1000);
  // Nothing of the lab hides behind the sticky call: the button is not under the model section.
  const model = (await page.getByRole('region', { name: 'Model' }).boundingBox())!;
  expect(run.y).toBeGreaterThanOrEqual(model.y + model.height);
  await shot(page, '08-lab-scrolled-call-visible');
});

test('item 9: standard tags are named, DX gets window presets, the model card is viewable, corner text stays readable on an inverted image', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemoSetA(page);
  await page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/).selectOption(DEMO_CLASSIFIER);
  // Window presets for a DX image: its own window, then windows on its value range.
  const presetOptions = await page.locator('#wl-preset option').allTextContents();
  expect(presetOptions.some((o) => o.includes('Full range'))).toBe(true);
  expect(presetOptions.some((o) => o.includes('Middle half (contrast)'))).toBe(true);
  // The model card.
  await page.getByText('Model card (what it was trained on').click();
  await expect(page.getByTestId('model-card')).toContainText('Aegis demo nodule classifier');
  // Inverted image: corner text on a dark backing.
  await page.getByRole('button', { name: 'Invert' }).click();
  const backing = await page.locator('.corner.top-left div').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(backing).toMatch(/rgba\(0, 0, 0, 0\.5\d*\)/);
  await shot(page, '09-inverted-readable-card');
  // The tag browser names ImagerPixelSpacing and ViewPosition (were "Unknown").
  await page.getByRole('button', { name: 'Tags' }).click();
  await page.getByLabel('Filter tags').fill('0018');
  await expect(page.getByText('ImagerPixelSpacing', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('ViewPosition', { exact: true })).toBeVisible();
  await shot(page, '10-tags-named');
});

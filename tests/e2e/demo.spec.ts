/**
 * The demo end to end (Chromium, browser mode, real server and engine; issue 5 item 5, issue 6 item
 * 6): the demo offer opens the synthetic demo study → the bundled demo classifier predicts → Grad-CAM
 * changes the canvas → PGD eps 0.02 → the compare view shows three viewports and the classifier's
 * call flips (argmax of the bars before ≠ after) → the exported derived DICOM re-opens with identical
 * pixels. Screenshots: test-results/demo-NN-step.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { APP_URL, E2E_ROOT } from './e2eEnv';
import { labApi, storedPixelBytes } from './labApi';
import { canvasStats, viewportState, waitForViewport } from './viewerPage';

const shot = (page: Page, step: string) => page.screenshot({ path: `test-results/demo-${step}.png` });
type CompareHook = { panes: { imageId: string | null; renderCount: number }[] };
const compareHook = (page: Page) => page.evaluate(() => (window as unknown as { __aegisCompare?: CompareHook }).__aegisCompare ?? null);

/** The bundled demo classifier's id in 'models.list'. */
const DEMO_CLASSIFIER = 'bundled:demo-nodule-classifier';
/** The demo classifier's last spatial feature map (ReLU output, 14×14 before the 1×1 head). */
const GRADCAM_LAYER = 'features';
/** Demo images tried, in order, until PGD eps 0.02 flips the call (image 1 of set A has a nodule). */
const MAX_TRIES = 4;

// The second test reads the workspace the first one left (demo written, studies open).
test.describe.configure({ mode: 'serial' });

/** Index of the largest value. */
const argmax = (xs: number[]) => xs.reduce((best, x, i) => (x > xs[best]! ? i : best), 0);

/** Probabilities (in %) before and after, read from the compare view's bars ("class: p % before, q % after"). */
async function callsBeforeAfter(page: Page): Promise<{ before: number[]; after: number[] }> {
  const labels = await page
    .getByRole('list', { name: 'Call before and after the attack' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((li) => li.getAttribute('aria-label') ?? ''));
  const parsed = labels.map((l) => {
    const m = /: ([\d.]+) % before, ([\d.]+) % after$/.exec(l);
    if (!m) throw new Error(`Unexpected bar label: ${l}`);
    return [Number(m[1]), Number(m[2])] as const;
  });
  return { before: parsed.map((p) => p[0]), after: parsed.map((p) => p[1]) };
}

test('demo: open the demo study, predict, Grad-CAM, PGD eps 0.02 flips the call, export re-opens identically', async ({ page }) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const api = labApi();
  try {
    const status = await api.call('app.demoStatus', {});
    await page.goto(APP_URL);

    // The offer: prominent with its full warning on a first start, discreet ("again") otherwise.
    const offer = page.getByRole('region', { name: 'Demo study' });
    const button = status.firstStart
      ? offer.getByRole('button', { name: 'Open the demo study (synthetic phantoms, not for clinical use)', exact: true })
      : offer.getByRole('button', { name: /^Open the demo study( again)?$/ });
    await expect(button).toBeVisible();
    await shot(page, '01-offer');
    // Reached with the keyboard: Tab from the path field (the disabled Open button is skipped).
    await page.getByLabel('File or folder path').focus();
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(offer.getByTestId('demo-opened')).toContainText('Demo opened: 2 series', { timeout: 60_000 });
    await expect(offer.getByTestId('demo-opened')).toContainText('demo-nodule-classifier');
    await expect(offer.getByRole('button', { name: 'Open the demo study again', exact: true })).toBeVisible();
    const setA = page.locator('.series-item', { hasText: 'screening set A (PHANTOM)' });
    await expect(setA).toHaveCount(1);
    await expect(page.locator('.series-item', { hasText: 'screening set B (PHANTOM)' })).toHaveCount(1);
    await setA.click();
    await waitForViewport(page, 0, (v) => v.imageId !== null && v.imageCount === 10 && v.renderCount > 0, 'demo set A rendered');
    await shot(page, '02-demo-open');

    // The bundled demo classifier predicts on the image on screen.
    const modelSelect = page.getByRole('region', { name: 'Model' }).getByLabel(/^Model/);
    await expect(modelSelect.locator(`option[value="${DEMO_CLASSIFIER}"]`)).toHaveCount(1);
    await expect(modelSelect.locator('option[value="bundled:demo-lung-unet"]')).toHaveCount(1);
    await modelSelect.selectOption(DEMO_CLASSIFIER);
    const bars = page.getByRole('list', { name: 'Prediction' });
    await expect(bars.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
    await expect(bars.getByRole('listitem').first()).toHaveAttribute('aria-label', /^nodule absent: /);
    await expect(page.locator('.prediction')).toHaveAttribute('data-image-id', (await viewportState(page, 0)).imageId!, { timeout: 30_000 });
    await shot(page, '03-predict');

    // Grad-CAM on 'features' (the last spatial map: the automatic choice is the 1×1 global max
    // pool, a constant map on this model) changes what the canvas shows.
    const saliency = page.getByRole('region', { name: 'Saliency' });
    await saliency.getByLabel('Method').selectOption('gradcam');
    await saliency.getByLabel(/^Layer/).fill(GRADCAM_LAYER);
    const before = await canvasStats(page, 0);
    await page.getByRole('button', { name: 'Compute map', exact: true }).click();
    await expect(page.getByTestId('saliency-facts')).toContainText(`layer = ${GRADCAM_LAYER}`, { timeout: 30_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const withMap = await canvasStats(page, 0);
    await shot(page, '04-gradcam');
    expect(withMap.digest, 'the overlay changed the picture').not.toBe(before.digest);
    expect(Math.abs(withMap.mean - before.mean), 'mean luminance moved').toBeGreaterThan(0.1);

    // PGD eps 0.02 on the first images of set A until the call flips.
    const lab = page.getByRole('region', { name: 'Attack lab' });
    await lab.getByLabel(/^Method/).selectOption('pgd');
    await lab.getByLabel('Budget eps (normalised units)').fill('0.02');
    await lab.getByLabel('Steps', { exact: true }).fill('20');
    const view = page.getByRole('region', { name: 'Compare original and attacked image' });
    let attackedImage: string | null = null;
    for (let i = 0; i < MAX_TRIES && attackedImage === null; i++) {
      const imageId = (await waitForViewport(page, 0, (v) => v.imageIndex === i && v.renderCount > 0, `demo image ${i + 1}`)).imageId!;
      await expect(page.locator('.prediction')).toHaveAttribute('data-image-id', imageId, { timeout: 30_000 });
      await lab.getByRole('button', { name: 'Run attack' }).click();
      await expect(view).toBeVisible({ timeout: 60_000 });
      if ((await page.getByTestId('attack-outcome').textContent()) === 'the call changed') {
        attackedImage = imageId;
        break;
      }
      console.log(`demo e2e: PGD eps 0.02 did not flip image ${i + 1}; trying the next`);
      await view.getByRole('button', { name: 'Close compare' }).click();
      await page.locator('#viewport-0').focus();
      await page.keyboard.press('ArrowDown');
    }
    expect(attackedImage, `PGD eps 0.02 flips one of the first ${MAX_TRIES} demo images`).not.toBeNull();

    // Compare: three rendered viewports, the ADVERSARIAL badge, and a different argmax after.
    await expect.poll(async () => (await compareHook(page))?.panes.every((p) => p.imageId !== null && p.renderCount > 0)).toBe(true);
    expect((await compareHook(page))!.panes).toHaveLength(3);
    for (const i of [10, 11, 12]) expect((await canvasStats(page, i)).std, `viewport ${i} shows an image`).toBeGreaterThan(1);
    await expect(view.getByText('ADVERSARIAL', { exact: true })).toBeVisible();
    const calls = await callsBeforeAfter(page);
    console.log(`demo e2e: call before ${calls.before.join(' / ')} %, after ${calls.after.join(' / ')} %`);
    expect(argmax(calls.after), 'the demo classifier changed its call').not.toBe(argmax(calls.before));
    await shot(page, '05-compare');

    // Export the derived DICOM; re-opened, its pixels equal the attacked image's, bit for bit.
    const exportDir = join(E2E_ROOT, 'demo-export');
    mkdirSync(exportDir, { recursive: true });
    await view.getByLabel('Folder (on this computer)').fill(exportDir);
    await view.getByRole('button', { name: 'Export DICOM' }).click();
    await expect(page.getByTestId('export-message')).toContainText('Derived DICOM written: ');
    await shot(page, '06-exported');
    const exported = ((await page.getByTestId('export-message').textContent()) ?? '').replace('Derived DICOM written: ', '').trim();
    const record = (await api.call('attacks.list', { imageId: attackedImage! })).attacks.find((a) => a.success && a.params.eps === 0.02);
    expect(record, 'the attack is stored for the image').toBeDefined();
    const shown = await api.call('frames.pixels', { imageId: record!.derived.imageId });
    const reopened = await api.call('studies.open', { paths: [exported] });
    const again = await api.call('frames.pixels', { imageId: reopened.series[0]!.imageIds[0]! });
    expect(Buffer.from(again.data).equals(Buffer.from(shown.data)), 're-opened pixels equal the attacked image').toBe(true);
    expect(Buffer.from(storedPixelBytes(exported)).equals(Buffer.from(shown.data)), 'file bytes equal the attacked image').toBe(true);
    expect(pageErrors).toEqual([]);
  } finally {
    api.close();
  }
});

test('demo: once written, the offer is a discreet "again" that re-opens the same study without duplicates', async ({ page }) => {
  const api = labApi();
  try {
    expect(await api.call('app.demoStatus', {}), 'the first test wrote the demo').toMatchObject({ firstStart: false, written: true });
  } finally {
    api.close();
  }
  await page.goto(APP_URL);
  const offer = page.getByRole('region', { name: 'Demo study' });
  await expect(offer.getByRole('button', { name: 'Open the demo study again', exact: true })).toBeVisible();
  await expect(offer.getByText('not for clinical use')).toHaveCount(0);
  await waitForViewport(page, 0, (v) => v.imageId !== null && v.renderCount > 0, 'the workspace\'s first series rendered');
  await shot(page, '07-offer-again');
  await offer.getByRole('button', { name: 'Open the demo study again', exact: true }).click();
  await expect(offer.getByTestId('demo-opened')).toContainText('Demo opened: 2 series', { timeout: 30_000 });
  // The source series once each; the first test's attacked and exported copies are derived series listed under them.
  await expect(page.locator('.series-item', { hasText: 'screening set A (PHANTOM)', hasNotText: '· derived' })).toHaveCount(1);
  await expect(page.locator('.series-item', { hasText: 'screening set B (PHANTOM)', hasNotText: '· derived' })).toHaveCount(1);
});

test('demo: the offer shows progress while it runs and a failure in plain words, then can be tried again', async ({ page }) => {
  // Hold the 'app.demo' call, then answer it with the server's error envelope (a failed engine job).
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/call/app.demo', async (route) => {
    await held;
    await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'failed', message: 'Writing the demo study: no space left on device' } }) });
  });
  await page.goto(APP_URL);
  const offer = page.getByRole('region', { name: 'Demo study' });
  const button = offer.getByRole('button', { name: /^Open the demo study/ });
  await button.click();
  await expect(offer.getByRole('progressbar', { name: 'Demo study progress' })).toBeVisible();
  await expect(button).toBeDisabled();
  await shot(page, '08-progress');
  release();
  await expect(offer.getByRole('alert')).toHaveText('The demo study could not be opened: Writing the demo study: no space left on device');
  await expect(offer.getByRole('progressbar')).toHaveCount(0);
  await expect(button).toBeEnabled();
  await shot(page, '09-error');
});

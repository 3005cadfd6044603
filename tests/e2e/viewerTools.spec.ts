/**
 * The rest of the viewer end to end: window presets, rotate/flip, length and ROI measurements in
 * mm/mm² and HU, the tag browser with a sequence, cine on a multi-frame series, the shortcut help,
 * the 2×2 layout, and labels on every control. Pixel statistics, not screenshot baselines; a
 * screenshot of each step goes to test-results/viewer-XX-step.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { APP_URL, MULTI_SERIES_DIR } from './e2eEnv';
import { CINE_SEQUENCE, COLOUR_SERIES } from './e2eFixtures';
import type { ViewportSnapshot } from '../../renderer/viewer/testHook';
import { canvasStats, shot, viewportState, waitForViewport } from './viewerPage';

/** Pixel Spacing of the generated series (mm). */
const SPACING = 0.7;
/** makeStudyFolder's lesion: 200 HU disc of radius min(rows, cols)/6 at (cols/2 + radius, rows/2) on the middle slice. */
const CT_SIZE = 128;
const LESION_RADIUS = CT_SIZE / 6;

async function elementBox(page: Page, index: number) {
  const box = await page.locator(`#viewport-${index}`).boundingBox();
  if (!box) throw new Error(`viewport ${index} is not on screen`);
  return box;
}

async function drag(page: Page, x0: number, y0: number, x1: number, y1: number): Promise<void> {
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 8 });
  await page.mouse.up();
}

test('viewer tools: presets, rotate/flip, measurements, tags, cine, help, 2×2, labels', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(APP_URL);
  await page.getByLabel('File or folder path').fill(MULTI_SERIES_DIR);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await waitForViewport(page, 0, (s) => s.imageId !== null && s.imageCount === 12, 'CT axial shown');
  await page.locator('#viewport-0').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await waitForViewport(page, 0, (s) => s.imageIndex === 6, 'middle slice');

  // Presets: CT lung window from the list, then '1' back to the file's own 400/40.
  const fileWindow = await canvasStats(page, 0);
  await page.getByLabel('Window', { exact: true }).selectOption({ label: '2. Lung (1500/-600)' });
  await waitForViewport(page, 0, (s) => s.voi?.windowWidth === 1500 && s.voi.windowCenter === -600, 'lung window');
  const lung = await canvasStats(page, 0);
  // Air (−1000 HU) is black at 400/40 but grey at 1500/−600, so the picture gets brighter.
  expect(lung.mean).toBeGreaterThan(fileWindow.mean + 10);
  await shot(page, '08-preset-lung');
  await page.locator('#viewport-0').focus();
  await page.keyboard.press('1');
  await waitForViewport(page, 0, (s) => s.voi?.windowWidth === 400 && s.voi.windowCenter === 40, 'file window');

  // Rotate / flip: the bright lesion right of centre goes below centre, then to the left.
  expect((await canvasStats(page, 0, 'right')).mean).toBeGreaterThan((await canvasStats(page, 0, 'left')).mean + 5);
  await page.keyboard.press('r');
  await waitForViewport(page, 0, (s) => s.rotation === 90, 'rotated 90°');
  expect((await canvasStats(page, 0, 'bottom')).mean).toBeGreaterThan((await canvasStats(page, 0, 'top')).mean + 5);
  await shot(page, '09-rotate');
  await page.keyboard.press(' ');
  await page.keyboard.press('h');
  await waitForViewport(page, 0, (s) => s.hflip && s.rotation === 0, 'flipped');
  expect((await canvasStats(page, 0, 'left')).mean).toBeGreaterThan((await canvasStats(page, 0, 'right')).mean + 5);
  await page.keyboard.press(' ');
  await waitForViewport(page, 0, (s) => !s.hflip, 'reset');

  // Length: a horizontal line of d screen pixels is d / scale image pixels × 0.7 mm.
  const box = await elementBox(page, 0);
  const { scale } = await viewportState(page, 0);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.keyboard.press('m');
  await drag(page, cx - 200, cy + 150, cx + 100, cy + 150);
  // The hook updates while the line is drawn; wait for the final length (a wrong one times out).
  const expectedLength = (300 / scale) * SPACING;
  const lengthOf = (s: ViewportSnapshot) => s.measurements.find((m) => m.tool === 'Length');
  const withLength = await waitForViewport(page, 0, (s) => Math.abs((lengthOf(s)?.length ?? 0) - expectedLength) < 0.2, `length ${expectedLength.toFixed(2)} mm`);
  expect(lengthOf(withLength)?.mm).toBe(true);

  // Ellipse ROI inside the uniform 200 HU lesion: mean 200 HU, SD 0, area π·a·b in mm².
  await page.keyboard.press('o');
  const lx = cx + LESION_RADIUS * scale;
  const half = 7 * scale;
  await drag(page, lx - half, cy - half, lx + half, cy + half);
  const expectedArea = Math.PI * (7 * SPACING) * (7 * SPACING);
  const roiOf = (s: ViewportSnapshot) => s.measurements.find((m) => m.tool === 'EllipticalRoi');
  const withRoi = await waitForViewport(
    page,
    0,
    (s) => Math.abs((roiOf(s)?.area ?? 0) - expectedArea) / expectedArea < 0.12,
    `ROI area ≈ ${expectedArea.toFixed(1)} mm²`,
  );
  const roi = roiOf(withRoi);
  expect(roi?.unit).toBe('HU');
  expect(roi?.mean).toBeCloseTo(200, 6);
  expect(roi?.stdDev).toBeCloseTo(0, 6);
  const list = page.getByRole('region', { name: 'Measurements' });
  await expect(list).toContainText(/Length: \d+\.\d mm/);
  await expect(list).toContainText(/Ellipse: mean 200\.0 HU, SD 0\.0 HU, area \d+\.\d mm²/);
  await shot(page, '10-measurements');
  await page.keyboard.press('w');

  // Tag browser: patient name, then a sequence with its item in the multi-frame XA file.
  await page.keyboard.press('t');
  const dialog = page.getByRole('dialog', { name: 'DICOM tags' });
  await expect(dialog.locator('tr', { hasText: '(0010,0010)' })).toContainText('DOE^JANE');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.locator('.series-item', { hasText: 'XA cine' }).click();
  await waitForViewport(page, 0, (s) => s.imageCount === 8 && s.imageId !== null, 'XA cine shown');
  await page.locator('#viewport-0').focus();
  await page.keyboard.press('t');
  await expect(dialog.locator('tr', { hasText: CINE_SEQUENCE.tag })).toContainText('1 item');
  await expect(dialog.locator('tr.tag-item')).toContainText('Item 1');
  await expect(dialog.locator('tr', { hasText: CINE_SEQUENCE.itemTag })).toHaveCount(1);
  await shot(page, '11-tags-sequence');
  await page.keyboard.press('Escape');

  // Cine: frames advance by themselves, and stop when asked.
  await page.locator('#viewport-0').focus();
  const before = await viewportState(page, 0);
  await page.keyboard.press('c');
  await waitForViewport(page, 0, (s) => s.cinePlaying && s.imageIndex !== before.imageIndex, 'cine advanced');
  await waitForViewport(page, 0, (s) => s.imageIndex === (before.imageIndex + 3) % 8, 'cine kept going');
  await shot(page, '12-cine');
  await page.keyboard.press('c');
  await waitForViewport(page, 0, (s) => !s.cinePlaying, 'cine stopped');
  await page.waitForTimeout(200); // a frame already being fetched may still land
  const stopped = await viewportState(page, 0);
  await page.waitForTimeout(500); // at 15 frames/s, 7 frames would have passed
  expect((await viewportState(page, 0)).imageIndex).toBe(stopped.imageIndex);

  // Colour: an RGB (planar) image is drawn in colour, not grey.
  await page.locator('.series-item', { hasText: COLOUR_SERIES }).click();
  await waitForViewport(page, 0, (s) => s.imageCount === 1 && s.imageId !== null && s.renderCount > 0, 'colour image shown');
  const chroma = await page.evaluate(() => {
    const canvas = document.querySelector('#viewport-0 canvas') as HTMLCanvasElement;
    const d = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += Math.abs(d[i] - d[i + 1]) + Math.abs(d[i + 1] - d[i + 2]);
    return sum / (d.length / 4);
  });
  expect(chroma, 'mean |R−G| + |G−B| per pixel').toBeGreaterThan(5);
  await shot(page, '13-colour');
  await page.locator('#viewport-0').focus();

  // Help overlay lists the shortcuts; Esc closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Invert');
  await expect(help).toContainText('Next image');
  await expect(help).toContainText('Show / hide the saliency layer');
  await expect(help).toContainText('Show / hide the suspicion layer');
  await shot(page, '13-help-overlay');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // 2×2: four viewports, each drawing an image.
  await page.getByLabel('Layout').selectOption('2x2');
  for (let i = 0; i < 4; i++) {
    await waitForViewport(page, i, (s) => s.imageId !== null && s.renderCount > 0, `viewport ${i + 1} of 2×2 rendered`);
    expect((await canvasStats(page, i)).std).toBeGreaterThan(5);
  }
  await shot(page, '14-layout-2x2');
  await page.getByLabel('Layout').selectOption('1x1');
  await expect(page.locator('.viewport')).toHaveCount(1);
  const single = await viewportState(page, 0);
  await page.locator('#viewport-0').focus();
  await page.keyboard.press('i');
  await waitForViewport(page, 0, (s) => s.invert !== single.invert, 'back to 1×1 and still responsive');

  // Every control has a name a screen reader can say.
  const unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll('button, select, input'))
      .filter((el) => {
        const e = el as HTMLInputElement;
        const label = e.getAttribute('aria-label') || e.labels?.[0]?.textContent || (el.tagName === 'BUTTON' ? el.textContent : '');
        return !label || !label.trim();
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unlabelled).toEqual([]);
  expect(pageErrors).toEqual([]);
});

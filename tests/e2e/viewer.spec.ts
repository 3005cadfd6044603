/**
 * The viewer end to end, in Debian Chromium against the real loopback server: open a generated
 * multi-series folder, show an image, and prove with canvas pixel statistics that scroll,
 * window/level, invert, zoom and the synchronised 1×2 layout change the rendering as expected.
 * A screenshot of each step is saved as test-results/viewer-XX-step.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { APP_URL, MULTI_SERIES_DIR } from './e2eEnv';
import { MULTI_SERIES } from './e2eFixtures';
import { canvasStats, shot, viewportState, waitForViewport } from './viewerPage';

async function openFolder(page: Page, dir: string): Promise<void> {
  await page.getByLabel('File or folder path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

async function centreOf(page: Page, index: number): Promise<{ x: number; y: number }> {
  const box = await page.locator(`#viewport-${index}`).boundingBox();
  if (!box) throw new Error(`viewport ${index} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 10 });
  await page.mouse.up();
}

test('viewer: open, scroll, window/level, invert, zoom, synchronised 1×2', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(APP_URL);

  // Open: every series listed, the first one on screen.
  await openFolder(page, MULTI_SERIES_DIR);
  for (const series of MULTI_SERIES) {
    await expect(page.locator('.series-item', { hasText: series.name })).toContainText(`${series.images} image${series.images === 1 ? '' : 's'}`);
  }
  const first = await waitForViewport(page, 0, (v) => v.imageId !== null && v.renderCount > 0, 'first image rendered');
  expect(first.imageCount).toBeGreaterThan(1);
  const opened = await canvasStats(page, 0);
  expect(opened.std, 'an image, not a blank canvas').toBeGreaterThan(5);
  expect(opened.bbox, 'something drawn').not.toBeNull();
  await shot(page, '01-open');

  // Scroll: keyboard, wheel and scrollbar each move through the stack and change the picture.
  await page.locator('#viewport-0').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  let v = await waitForViewport(page, 0, (s) => s.imageIndex === 3, 'slice 4 after 3 × ArrowDown');
  const scrolled = await canvasStats(page, 0);
  expect(v.imageId).not.toBe(first.imageId);
  expect(scrolled.digest, 'slice 4 looks different from slice 1').not.toBe(opened.digest);
  const c0 = await centreOf(page, 0);
  await page.mouse.move(c0.x, c0.y);
  await page.mouse.wheel(0, 120);
  v = await waitForViewport(page, 0, (s) => s.imageIndex !== 3, 'wheel scroll');
  expect(Math.abs(v.imageIndex - 3)).toBe(1);
  await page.getByLabel('Slice of viewport 1').focus();
  await page.keyboard.press('End');
  await waitForViewport(page, 0, (s) => s.imageIndex === s.imageCount - 1, 'last slice from the scrollbar');
  expect((await canvasStats(page, 0)).digest).not.toBe(scrolled.digest);
  await page.keyboard.press('Home');
  await waitForViewport(page, 0, (s) => s.imageIndex === 0, 'first slice from the scrollbar');
  await shot(page, '02-scroll');

  // Window/level drag: down raises the level (darker), right widens the window (less contrast).
  const wl0 = await viewportState(page, 0);
  const beforeLevel = await canvasStats(page, 0, 'centre');
  await drag(page, c0, 0, 60);
  await waitForViewport(page, 0, (s) => (s.voi?.windowCenter ?? 0) > (wl0.voi?.windowCenter ?? 0), 'level raised');
  const afterLevel = await canvasStats(page, 0, 'centre');
  expect(afterLevel.mean, 'higher level shows the image darker').toBeLessThan(beforeLevel.mean - 2);
  await drag(page, c0, 150, 0);
  await waitForViewport(page, 0, (s) => (s.voi?.windowWidth ?? 0) > (wl0.voi?.windowWidth ?? 0), 'window widened');
  const afterWidth = await canvasStats(page, 0, 'centre');
  expect(afterWidth.std, 'a wider window lowers contrast').toBeLessThan(afterLevel.std);
  await shot(page, '03-window-level');

  // Invert: every grey level g becomes 255 − g, so the mean of the region mirrors about 127.5.
  const beforeInvert = await canvasStats(page, 0, 'centre');
  await page.keyboard.press('i');
  await waitForViewport(page, 0, (s) => s.invert, 'inverted');
  const inverted = await canvasStats(page, 0, 'centre');
  expect(Math.abs(inverted.mean + beforeInvert.mean - 255)).toBeLessThan(1.5);
  expect(Math.abs(inverted.std - beforeInvert.std)).toBeLessThan(1.5);
  await shot(page, '04-invert');

  // Zoom: the drawn image's width on the canvas is columns × scale.
  await page.keyboard.press('f');
  const fitted = await waitForViewport(page, 0, (s) => s.scale > 0, 'fitted');
  const fitStats = await canvasStats(page, 0);
  const fitCentre = await canvasStats(page, 0, 'centre');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  const out = await waitForViewport(page, 0, (s) => Math.abs(s.scale - fitted.scale / 1.5625) < 1e-6, 'zoomed out twice');
  const outStats = await canvasStats(page, 0);
  const width = (s: typeof outStats) => (s.bbox ? s.bbox.x1 - s.bbox.x0 + 1 : 0);
  expect(Math.abs(width(outStats) - width(fitStats) / 1.5625)).toBeLessThan(4);
  for (let i = 0; i < 5; i++) await page.keyboard.press('+');
  const zin = await waitForViewport(page, 0, (s) => s.scale > out.scale * 3, 'zoomed in');
  const inStats = await canvasStats(page, 0, 'centre');
  expect(zin.scale).toBeGreaterThan(fitted.scale);
  expect(inStats.digest, 'magnified centre differs').not.toBe(fitCentre.digest);
  // Fitted, the square image leaves bands in the non-square canvas; magnified ~2×, it covers it all.
  const inAll = await canvasStats(page, 0);
  const covers = (s: typeof inAll) => s.bbox !== null && s.bbox.x0 === 0 && s.bbox.y0 === 0 && s.bbox.x1 === s.width - 1 && s.bbox.y1 === s.height - 1;
  expect(covers(fitStats), 'fitted image leaves bands').toBe(false);
  expect(covers(inAll), 'magnified image covers the canvas').toBe(true);
  await shot(page, '05-zoom');
  await page.keyboard.press(' '); // reset
  await waitForViewport(page, 0, (s) => !s.invert && Math.abs(s.scale - fitted.scale) < 1e-6, 'reset');

  // 1×2 synchronised: the second viewport follows the first's slice, window, inversion and zoom.
  await page.getByLabel('Layout').selectOption('1x2');
  await waitForViewport(page, 1, (s) => s.imageId !== null && s.renderCount > 0, 'second viewport rendered');
  await waitForViewport(page, 0, (s) => s.imageId !== null, 'first viewport still shown');
  await page.locator('#viewport-0').focus();
  const right0 = await canvasStats(page, 1);
  const idx1 = (await viewportState(page, 1)).imageIndex;
  const idx0 = (await viewportState(page, 0)).imageIndex;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await waitForViewport(page, 0, (s) => s.imageIndex === idx0 + 2, 'left viewport scrolled 2 slices');
  const s1 = await waitForViewport(page, 1, (s) => s.imageIndex === Math.min(idx0 + 2, s.imageCount - 1), 'right viewport scrolled with the left');
  expect(s1.imageIndex).not.toBe(idx1);
  const right1 = await canvasStats(page, 1);
  expect(right1.digest, 'right viewport shows another slice').not.toBe(right0.digest);

  const rightBeforeInvert = await canvasStats(page, 1, 'centre');
  await page.keyboard.press('i');
  await waitForViewport(page, 1, (s) => s.invert, 'right viewport inverted with the left');
  const rightInverted = await canvasStats(page, 1, 'centre');
  expect(Math.abs(rightInverted.mean + rightBeforeInvert.mean - 255)).toBeLessThan(1.5);

  const left = await viewportState(page, 0);
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const zoomed = await waitForViewport(page, 1, (s) => s.scale > left.scale * 1.5, 'right viewport zoomed with the left');
  expect(zoomed.scale).toBeCloseTo((await viewportState(page, 0)).scale, 6);
  expect((await canvasStats(page, 1)).digest).not.toBe(right1.digest);
  await shot(page, '06-layout-1x2-synchronised');

  // Window/level follows only between the same modality: a CT window is not applied to the MR...
  const c1 = await centreOf(page, 0);
  const mrWindow = (await viewportState(page, 1)).voi;
  await drag(page, c1, 0, 40);
  await waitForViewport(page, 0, (s) => (s.voi?.windowCenter ?? 0) !== (left.voi?.windowCenter ?? 0), 'left level changed');
  await page.waitForTimeout(300);
  expect((await viewportState(page, 1)).voi).toEqual(mrWindow);
  // ...but is once the right viewport shows CT too.
  await page.locator('#viewport-1').focus();
  const leftBeforeLoad = await viewportState(page, 0);
  await page.locator('.series-item', { hasText: 'CT axial' }).click();
  await waitForViewport(page, 1, (s) => s.imageCount === 12 && s.imageId !== null, 'CT in the right viewport');
  await page.waitForTimeout(300);
  const leftAfterLoad = await viewportState(page, 0);
  expect([leftAfterLoad.imageIndex, leftAfterLoad.voi, leftAfterLoad.scale], 'loading a series into one viewport leaves the other alone').toEqual([
    leftBeforeLoad.imageIndex,
    leftBeforeLoad.voi,
    leftBeforeLoad.scale,
  ]);
  // A viewport still loading its series ignores synchronisation by design: wait until it has settled.
  await expect(page.locator('#viewport-1')).not.toHaveAttribute('data-aegis-loading', '1');
  // Once settled it rejoins the group with the group's window and inversion (the left's CT window, levelled above).
  await waitForViewport(
    page,
    1,
    (s) => s.voi?.windowCenter === leftAfterLoad.voi?.windowCenter && s.voi?.windowWidth === leftAfterLoad.voi?.windowWidth && s.invert === leftAfterLoad.invert,
    'right CT viewport adopts the group window on loading',
  );
  const rightCt = await canvasStats(page, 1);
  const levelBefore = (await viewportState(page, 0)).voi?.windowCenter ?? 0;
  await drag(page, c1, 0, 40);
  await waitForViewport(page, 0, (s) => (s.voi?.windowCenter ?? 0) > levelBefore + 20, 'left level raised');
  // The drag's last moves may still be arriving: compare the two viewports as they are, until they agree.
  await expect
    .poll(async () => {
      const [l, r] = [(await viewportState(page, 0)).voi, (await viewportState(page, 1)).voi];
      return l?.windowCenter === r?.windowCenter && l?.windowWidth === r?.windowWidth;
    }, { message: 'right CT window follows the left' })
    .toBe(true);
  expect((await canvasStats(page, 1)).digest).not.toBe(rightCt.digest);
  await shot(page, '06b-layout-1x2-same-modality');

  // Sync off: the right viewport stays where it is while the left one scrolls.
  await page.getByLabel('Sync').uncheck();
  const rightBefore = await viewportState(page, 1);
  const leftBefore = await viewportState(page, 0);
  await page.locator('#viewport-0').focus();
  await page.keyboard.press('ArrowUp');
  await waitForViewport(page, 0, (s) => s.imageIndex === leftBefore.imageIndex - 1, 'left scrolled alone');
  await page.waitForTimeout(300);
  expect((await viewportState(page, 1)).imageIndex).toBe(rightBefore.imageIndex);

  expect(pageErrors).toEqual([]);
});

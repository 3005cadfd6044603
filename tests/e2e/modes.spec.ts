/**
 * The shell's mode switch (issue 12 item 4): Review, Reader study and QA tabs, reachable and usable
 * with the keyboard alone; each mode mounts its own screen (Review's viewer leaves the page while
 * another mode is shown and comes back); the chosen mode is kept in `#mode=`, and a page opened on it starts there.
 * Screenshots: test-results/modes-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { APP_URL } from './e2eEnv';

const shot = (page: Page, step: string) => page.screenshot({ path: `test-results/modes-${step}.png` });

test('mode switch: Review / Reader study / QA by keyboard and mouse, opened from #mode=', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(APP_URL);

  const modes = page.getByRole('tablist', { name: 'Mode' });
  await expect(modes.getByRole('tab')).toHaveText(['Review', 'Reader study', 'QA']);
  const tab = (name: string) => modes.getByRole('tab', { name, exact: true });
  const studies = page.getByRole('complementary', { name: 'Studies' });
  await expect(tab('Review')).toHaveAttribute('aria-selected', 'true');
  await expect(studies).toBeVisible();

  // Keyboard only: the first Tab stop of the page is the active mode's tab; → opens the next mode.
  await page.keyboard.press('Tab');
  await expect(tab('Review')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Reader study')).toBeFocused();
  await expect(tab('Reader study')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('navigation', { name: 'Reader study' })).toBeVisible();
  await expect(studies).toHaveCount(0);
  await shot(page, '01-reader-study');

  await page.keyboard.press('ArrowRight');
  await expect(tab('QA')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'QA' }).getByRole('heading', { name: 'QA session', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/#mode=qa$/);
  await shot(page, '02-qa');

  // A page opened on `#mode=qa` starts in QA (a reload keeps the mode the same way).
  await page.goto(`${APP_URL}#mode=qa`);
  await expect(tab('QA')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'QA session', exact: true })).toBeVisible();

  // → wraps round to Review, and the viewer is back; Home/End reach the ends.
  await tab('QA').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Review')).toHaveAttribute('aria-selected', 'true');
  await expect(studies).toBeVisible();
  await expect(page).not.toHaveURL(/#mode=/);
  await page.keyboard.press('End');
  await expect(tab('QA')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Review')).toHaveAttribute('aria-selected', 'true');

  // The mouse works too.
  await tab('Reader study').click();
  await expect(page.getByRole('navigation', { name: 'Reader study' })).toBeVisible();
  await tab('Review').click();
  await expect(studies).toBeVisible();
  await shot(page, '03-review');
  expect(pageErrors).toEqual([]);
});

/**
 * The QA mode end to end (Chromium, browser mode, real server and engine; issue 17 item 6): on the
 * demo study with the bundled demo classifier, a small session (6 images, clean + PGD at ε 0.01 and
 * 0.02, 3 steps) runs as a job with progress, then shows the summary tables (every figure with its
 * 95 % interval and n) and the same charts as the session's HTML report, drawn on canvases (pixel
 * checks). A second session is cancelled from its progress bar. Screenshots: test-results/qa-NN-step.png.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { APP_URL } from './e2eEnv';
import { labApi } from './labApi';

const shot = (page: Page, step: string) => page.screenshot({ path: `test-results/qa-${step}.png`, fullPage: true });
const DEMO_CLASSIFIER = 'bundled:demo-nodule-classifier';

/** Pixels of a chart canvas that are not white, and how many distinct colours it holds. */
async function chartPixels(page: Page, id: string): Promise<{ inked: number; total: number; colours: number }> {
  return page.locator(`canvas[data-chart="${id}"]`).evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i]! < 245 || d[i + 1]! < 245 || d[i + 2]! < 245) inked++;
      colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    }
    return { inked, total: d.length / 4, colours: colours.size };
  });
}

// The second test starts another session on the demo the first one wrote.
test.describe.configure({ mode: 'serial' });

test('QA mode: a small session on the demo study runs as a job, then shows the table with 95 % CIs and n, and the report’s charts', async ({ page }) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const api = labApi();
  try {
    await api.call('app.demo', {});
    const model = (await api.call('models.list', {})).models.find((m) => m.id === DEMO_CLASSIFIER)!;
    await page.goto(`${APP_URL}#mode=qa`);
    const form = page.getByRole('form', { name: 'QA session' });
    await form.getByRole('checkbox', { name: model.name, exact: true }).check();
    await form.getByLabel('Images (first n; empty = all)').fill('6');
    await expect(form.getByRole('checkbox', { name: 'PGD', exact: true })).toBeChecked();
    await form.getByLabel(/^Budgets ε/).fill('0.01, 0.02');
    await form.getByLabel(/^Steps per attack/).fill('3');
    await shot(page, '01-configured');
    await form.getByRole('button', { name: 'Start QA session' }).click();

    const progress = page.getByRole('group', { name: 'QA session in progress' });
    await expect(progress).toBeVisible();
    await expect(progress).toContainText(/\d+ of 18 items|Writing the report/, { timeout: 120_000 });
    await shot(page, '02-progress');

    const results = page.getByRole('region', { name: 'QA results' });
    await expect(results).toBeVisible({ timeout: 180_000 });
    await expect(progress).toHaveCount(0);
    const clean = results.getByRole('table', { name: 'Clean performance' });
    const cleanRow = clean.getByRole('row').filter({ hasText: model.name });
    await expect(cleanRow).toHaveCount(1);
    // Accuracy, AUC, sensitivity, specificity: each "estimate [low–high] n=k"; sensitivity/specificity rest on 3 images each.
    const cleanCells = await cleanRow.getByRole('cell').allTextContents();
    expect(cleanCells.slice(0, 4).every((t) => /\[[\d.]+–[\d.]+\]/.test(t))).toBe(true);
    expect(cleanCells.slice(0, 2).every((t) => t.includes('n=6'))).toBe(true);
    expect(cleanCells.slice(2, 4).every((t) => t.includes('n=3'))).toBe(true);
    const attacked = results.getByRole('table', { name: 'Under attack' }).getByRole('row').filter({ hasText: 'pgd' });
    await expect(attacked).toHaveCount(2);
    for (const eps of ['0.01', '0.02']) {
      const cells = await attacked.filter({ has: page.getByRole('cell', { name: eps, exact: true }) }).getByRole('cell').allTextContents();
      // attack, ε, steps, then accuracy, AUC, success rate, SSIM, PSNR with their intervals and n.
      expect(cells.slice(0, 3)).toEqual(['pgd', eps, '3']);
      for (const c of cells.slice(3, 8)) expect(c).toMatch(/\[.+–.+\] n=\d+/);
    }

    // The same charts as the HTML report, in the same order, each painted on its canvas.
    const reportPath = (await results.locator('code').first().textContent())!;
    const reportIds = [...readFileSync(reportPath, 'utf8').matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
    const canvases = results.locator('canvas[data-chart]');
    await expect(canvases).toHaveCount(reportIds.length);
    expect(await canvases.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-chart')))).toEqual(reportIds);
    expect(reportIds).toEqual(expect.arrayContaining(['accuracy-vs-budget', 'ssim-vs-budget', 'roc', 'margins']));
    for (const id of reportIds) {
      await expect(results.locator(`canvas[data-chart="${id}"]`)).toHaveAttribute('data-drawn', 'true');
      const px = await chartPixels(page, id!);
      expect(px.inked / px.total, `${id}: ink`).toBeGreaterThan(0.02);
      expect(px.colours, `${id}: colours`).toBeGreaterThan(8);
    }
    await results.locator('canvas[data-chart="accuracy-vs-budget"]').scrollIntoViewIfNeeded();
    await shot(page, '03-results');
    expect(pageErrors).toEqual([]);
  } finally {
    api.close();
  }
});

test('QA mode: a running session shows its ETA, and Cancel stops it and says its finished items are kept', async ({ page }) => {
  test.setTimeout(120_000);
  const api = labApi();
  try {
    const model = (await api.call('models.list', {})).models.find((m) => m.id === DEMO_CLASSIFIER)!;
    await page.goto(`${APP_URL}#mode=qa`);
    const form = page.getByRole('form', { name: 'QA session' });
    await form.getByRole('checkbox', { name: model.name, exact: true }).check();
    await form.getByLabel(/^Budgets ε/).fill('0.005, 0.01, 0.02, 0.04');
    await form.getByLabel(/^Steps per attack/).fill('20');
    await form.getByRole('button', { name: 'Start QA session' }).click();
    const progress = page.getByRole('group', { name: 'QA session in progress' });
    // Progress with an ETA once the first items are done.
    await expect(progress).toContainText(/[1-9]\d* of 100 items · about \d+ s left/, { timeout: 60_000 });
    await shot(page, '04-eta');
    await progress.getByRole('button', { name: 'Cancel qa session' }).click();
    await expect(page.getByRole('alert')).toContainText('QA session cancelled; every finished item is kept', { timeout: 60_000 });
    await expect(progress).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'QA results' })).toHaveCount(0);
    await shot(page, '05-cancelled');
  } finally {
    api.close();
  }
});

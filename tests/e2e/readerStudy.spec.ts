/**
 * Reader study end to end (issue 16; Chromium, browser mode, real server and engine): design a study
 * from the demo workspace (clean, PGD, FGSM) in the Reader-study mode and generate its images as a
 * job, read it as two readers with the keyboard only, kill the server with SIGKILL mid-read, restart
 * it on the same workspace, retry the unsaved answer and resume with no answer lost, then show the
 * statistics view whose canvas charts are checked pixel by pixel, export the blinded bundle and merge
 * both readers' results files (all duplicates: nothing counted twice). Screenshots: test-results/reader-NN-step.png.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ROOT } from './e2eEnv';
import { killReaderServer, READER_URL, readerApi, startReaderServer } from './readerServer';

const HOME = join(E2E_ROOT, 'reader-study-home');
const SOURCES = 3;
const CASES = SOURCES * 3;
const shot = (page: Page, step: string) => page.screenshot({ path: `test-results/reader-${step}.png` });

/** The keys of answer `k` (1-based) of a reader: varied calls and confidences, so the ROC has steps. */
function answerKeys(k: number, reader: number): string[] {
  return [(k + reader) % 3 === 0 ? 'n' : 'y', String(1 + ((k * 2 + reader) % 5)), 'Enter'];
}

/** Waits for case `k` of `total` on screen, drawn, then answers it with the keyboard. */
async function readCase(page: Page, k: number, reader: number, opts: { expectSaved?: boolean } = {}): Promise<void> {
  const screen = page.getByRole('dialog', { name: /^Reading as / });
  await expect(page.getByTestId('reading-progress')).toHaveText(`${k} / ${CASES}`);
  await expect(screen).toHaveAttribute('data-stage', 'case');
  await expect(page.getByTestId('reading-image')).not.toHaveAttribute('data-render-count', '0');
  for (const key of answerKeys(k, reader)) await page.keyboard.press(key);
  if (opts.expectSaved !== false) await expect(screen).not.toHaveAttribute('data-stage', 'case');
}

/** Counts of pixels of `canvas` near each colour (RGB, within 12 per channel), and distinct colours. */
async function canvasColours(page: Page, label: string, colours: [number, number, number][]) {
  return page.getByRole('img', { name: label }).evaluate((el, cols) => {
    const c = el as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const counts = cols.map(() => 0);
    const distinct = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      distinct.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      cols.forEach(([r, g, b], j) => {
        if (Math.abs(d[i]! - r) <= 12 && Math.abs(d[i + 1]! - g) <= 12 && Math.abs(d[i + 2]! - b) <= 12) counts[j]!++;
      });
    }
    return { counts, distinct: distinct.size };
  }, colours);
}

let server: ChildProcess | null = null;
test.afterAll(async () => {
  if (server) await killReaderServer(server);
});

test('reader study: design from the demo, read as two readers, SIGKILL mid-read loses nothing, statistics with charts', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync('test-results', { recursive: true });
  rmSync(HOME, { recursive: true, force: true });
  server = await startReaderServer(HOME);
  // The node-side client's event socket must not outlive the server it talks to: closed before the kill, made anew after.
  let api = readerApi();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await api.call('app.demo', {});
    await page.goto(READER_URL);

    // Design: 3 images of demo set A; clean + PGD (checked by default) + FGSM; readers r1, r2.
    const design = page.getByRole('region', { name: 'Design a reader study' });
    const seriesSelect = design.getByLabel('Source series');
    await expect(seriesSelect.locator('option', { hasText: 'screening set A' })).toHaveCount(1);
    await seriesSelect.selectOption((await seriesSelect.locator('option', { hasText: 'screening set A' }).getAttribute('value'))!);
    const images = design.getByRole('group', { name: 'Source images' }).getByRole('checkbox');
    const count = await images.count();
    for (let i = SOURCES; i < count; i++) await images.nth(i).uncheck();
    await expect(design.getByText(`Source images (${SOURCES} / ${count})`)).toBeVisible();
    await design.getByRole('checkbox', { name: 'FGSM', exact: true }).check();
    await expect(design.getByLabel('PGD eps')).toHaveValue('0.02');
    await design.getByLabel('Model attacked').selectOption('bundled:demo-nodule-classifier');
    await design.getByLabel('Readers (ids, comma separated)').fill('r1, r2');
    await design.getByLabel('Seed').fill('7');
    await shot(page, '01-design');
    await design.getByRole('button', { name: 'Create study and generate images' }).click();
    await expect(page.getByRole('group', { name: 'Generating images in progress' })).toBeVisible();
    await shot(page, '02-generating');
    const chooser = page.getByRole('region', { name: 'Choose a reader' });
    await expect(chooser).toBeVisible({ timeout: 180_000 });
    await expect(chooser.getByText(`r1: 0 / ${CASES} answered`)).toBeVisible();
    const { studies } = await api.call('readerStudies.list', {});
    const studyId = studies[studies.length - 1]!.studyId;
    const created = await api.call('readerStudies.get', { studyId });
    expect(created.cases.filter((c) => c.caseSet === 'test')).toHaveLength(CASES);
    expect(created.cases.every((c) => c.imageId !== null)).toBe(true);
    expect(new Set(created.cases.map((c) => c.conditionId))).toEqual(new Set(['clean', 'pgd-0.02', 'fgsm-0.02']));

    // Reader r1: blinded full screen, keyboard answers, a blank screen between cases, pause/resume.
    await chooser.getByRole('radio', { name: /^r1:/ }).check();
    await chooser.getByRole('button', { name: 'Start or resume reading as r1' }).click();
    const screen = page.getByRole('dialog', { name: 'Reading as r1' });
    await expect(screen).toHaveAttribute('data-stage', 'blank');
    await expect(page.getByTestId('reading-image')).toHaveCount(0);
    await readCase(page, 1, 1);
    await expect(screen).toHaveAttribute('data-stage', 'blank');
    await shot(page, '03-blank-between-cases');
    await readCase(page, 2, 1);
    await expect(page.getByTestId('reading-progress')).toHaveText(`3 / ${CASES}`);
    await expect(screen).toHaveAttribute('data-stage', 'case');
    await page.keyboard.press('p');
    await expect(screen).toHaveAttribute('data-stage', 'paused');
    await expect(page.getByTestId('reading-image')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(screen).toHaveAttribute('data-stage', 'paused');
    await page.keyboard.press('p');
    await readCase(page, 3, 1);
    await readCase(page, 4, 1);
    await expect(page.getByTestId('reading-progress')).toHaveText(`5 / ${CASES}`);
    await expect(page.getByTestId('reading-image')).not.toHaveAttribute('data-render-count', '0');
    await shot(page, '04-reading-case-5');

    // SIGKILL the server mid-read: the answer to case 5 cannot be saved and is kept on screen.
    api.close();
    await killReaderServer(server);
    server = null;
    await readCase(page, 5, 1, { expectSaved: false });
    await expect(screen.getByRole('alert')).toContainText('Answer not saved');
    await shot(page, '05-server-killed');
    server = await startReaderServer(HOME);
    api = readerApi();
    const afterKill = await api.call('readerStudies.reading', { studyId, readerId: 'r1' });
    expect(afterKill.answered).toBe(4);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('reading-progress')).toHaveText(`6 / ${CASES}`);
    expect((await api.call('readerStudies.reading', { studyId, readerId: 'r1' })).answered).toBe(5);

    // Leave, reload the page: r1 resumes at the first unanswered case.
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByRole('button', { name: 'Read', exact: true }).click();
    await expect(chooser.getByText(`r1: 5 / ${CASES} answered`)).toBeVisible();
    await chooser.getByRole('radio', { name: /^r1:/ }).check();
    await chooser.getByRole('button', { name: 'Start or resume reading as r1' }).click();
    for (let k = 6; k <= CASES; k++) await readCase(page, k, 1);
    await expect(page.getByTestId('reading-progress')).toHaveText(`${CASES} / ${CASES} done`);
    await page.keyboard.press('Escape');

    // Reader r2, all cases.
    await chooser.getByRole('radio', { name: /^r2:/ }).check();
    await chooser.getByRole('button', { name: 'Start or resume reading as r2' }).click();
    for (let k = 1; k <= CASES; k++) await readCase(page, k, 2);
    await expect(page.getByTestId('reading-progress')).toHaveText(`${CASES} / ${CASES} done`);
    await shot(page, '06-reader-done');
    await page.keyboard.press('Escape');
    await expect(chooser.getByText(`r2: ${CASES} / ${CASES} answered`)).toBeVisible();
    await expect(chooser.getByText(`r1: ${CASES} / ${CASES} answered`)).toBeVisible();

    // Statistics: ROC (pooled white, r1 blue) and per-condition bars (clean grey), table with CIs and n.
    await page.getByRole('button', { name: 'Results', exact: true }).click();
    const table = page.getByRole('table', { name: 'Figures, Warned' });
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByRole('row', { name: /^Pooled/ })).toContainText(/\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\] \(\d+\/\d+\)/);
    await expect(page.getByText(/^Pooled \(thick\): AUC \d\.\d{3} \[/)).toBeVisible();
    const roc = await canvasColours(page, 'ROC curves, Warned', [[255, 255, 255], [79, 195, 247], [255, 183, 77]]);
    expect(roc.counts[0]).toBeGreaterThan(200);
    expect(roc.counts[1]).toBeGreaterThan(100);
    expect(roc.counts[2]).toBeGreaterThan(100);
    // Clean bar grey (false alarms), PGD red, FGSM purple: each bar drawn unless its rate is 0.
    const results = await api.call('readerStudies.results', { studyId });
    const rates = [1 - results.phases[0]!.pooled.specificity!.estimate, ...results.phases[0]!.conditions.map((c) => c.detection.estimate)];
    const bars = await canvasColours(page, 'Detection rate per condition, Warned', [[120, 144, 156], [229, 115, 115], [186, 104, 200]]);
    rates.forEach((rate, i) => (rate > 0 ? expect(bars.counts[i]).toBeGreaterThan(100) : expect(bars.counts[i]).toBe(0)));
    expect(bars.distinct).toBeGreaterThan(20);
    expect(results.phases[0]!.answers).toBe(2 * CASES);
    expect(results.phases[0]!.conditions.map((c) => c.detection.n)).toEqual([6, 6]);
    await shot(page, '07-results');

    // Export the blinded bundle, write each reader's results file (CLI), merge both: all duplicates, nothing counted twice.
    const exportDir = join(E2E_ROOT, 'reader-study-export');
    rmSync(exportDir, { recursive: true, force: true });
    const bundle = page.getByRole('region', { name: 'Bundle and merge' });
    await bundle.getByLabel('Export folder').fill(exportDir);
    await bundle.getByRole('button', { name: 'Export blinded bundle' }).click();
    await expect(bundle.getByTestId('bundle-exported')).toContainText(`${CASES} cases`);
    const files = ['r1', 'r2'].map((reader) => {
      const out = join(exportDir, `results-${reader}.json`);
      const r = spawnSync(process.execPath, ['bin/aegis.js', 'study', 'results', studyId, '--reader', reader, '--bundle', exportDir, '--out', out], { env: { ...process.env, AEGIS_HOME: HOME }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    await bundle.getByLabel("Readers' results files (one path a line)").fill(files.join('\n'));
    await bundle.getByRole('button', { name: 'Merge results into the study' }).click();
    const merged = bundle.getByRole('list', { name: 'Merged results files' }).getByRole('listitem');
    await expect(merged).toHaveCount(2);
    await expect(merged.nth(0)).toContainText(`reader r1, 0 answers added, ${CASES} already present`);
    await expect(merged.nth(1)).toContainText(`reader r2, 0 answers added, ${CASES} already present`);
    await expect(page.getByRole('heading', { name: `Warned (${2 * CASES} answers)` })).toBeVisible();
    expect((await api.call('readerStudies.results', { studyId })).phases[0]!.answers).toBe(2 * CASES);
    await shot(page, '08-merged');
    expect(pageErrors).toEqual([]);
  } finally {
    api.close();
  }
});

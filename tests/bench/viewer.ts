/**
 * Viewer bench (browser mode): for a generated 300-slice 512×512 CT series, the time from "Open" to
 * the first image drawn, and the scroll rate through the stack in frames per second (each step waits
 * until cornerstone has drawn the next slice). Real server (`aegis serve`), Debian Chromium.
 * Targets: first image ≤ 1 s, scrolling ≥ 30 frames/s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { makeStudyFolder } from '../fixtures/dicom/studyFolder';

const SLICES = 300;
const SIZE = 512;

/** Starts `aegis serve` on a free loopback port; resolves with its URL (token included). */
function startServer(home: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/aegis.js', 'serve', '--port', '0', '--home', home], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
      if (m) resolve({ url: m[0], child });
    });
    child.once('exit', (code) => reject(new Error(`aegis serve exited (code ${code}) before printing its URL.`)));
  });
}

const fmt = (v: number, unit: string, target: string, ok: boolean) => `${v.toFixed(unit === 'ms' ? 0 : 1).padStart(8)} ${unit.padEnd(9)} target ${target.padEnd(8)} ${ok ? 'OK' : 'MISSED'}`;

/** Runs the viewer bench and prints its figures beside the targets. */
export async function bench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'aegis-bench-viewer-'));
  let server: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const t = Date.now();
    const folder = join(root, 'ct-300');
    makeStudyFolder(folder, { series: [{ modality: 'CT', slices: SLICES, rows: SIZE, cols: SIZE, description: 'Bench CT 300' }], label: 'bench' });
    console.log(`generated ${SLICES} CT slices ${SIZE}×${SIZE} (int16, HU) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const started = await startServer(join(root, 'home'));
    server = started.child;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // tsx compiles this file with keepNames, wrapping named functions in `__name(...)`; functions sent
    // to the page keep those calls, so give the page the (identity) helper.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(started.url);
    await page.getByLabel('File or folder path').fill(folder);

    // Open → first image drawn, timed inside the page (no CDP round trips in the figure).
    const firstMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const element = document.getElementById('viewport-0') as HTMLElement;
          const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Open') as HTMLButtonElement;
          const t0 = performance.now();
          element.addEventListener('cornerstoneimagerendered', () => resolve(performance.now() - t0), { once: true });
          button.click();
        }),
    );

    // Scroll: one ArrowDown per slice, each waiting until the next slice is drawn.
    const scroll = () =>
      page.evaluate(
        (direction) =>
          new Promise<number>((resolve) => {
            const element = document.getElementById('viewport-0') as HTMLElement;
            element.focus();
            let steps = 0;
            let last = '';
            const t0 = performance.now();
            const press = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: direction, bubbles: true }));
            const onRender = (e: Event) => {
              const id = (e as CustomEvent<{ image: { imageId: string } }>).detail.image.imageId;
              if (id === last) return;
              last = id;
              if (++steps === 299) {
                element.removeEventListener('cornerstoneimagerendered', onRender);
                resolve((steps / (performance.now() - t0)) * 1000);
              } else press();
            };
            element.addEventListener('cornerstoneimagerendered', onRender);
            press();
          }),
        'ArrowDown',
      );
    const coldFps = await scroll();
    await page.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' })));
    await page.waitForTimeout(300);
    const warmFps = await scroll();

    console.log(`first image after Open (${SLICES}-slice ${SIZE}×${SIZE} CT): ${fmt(firstMs, 'ms', '≤ 1000', firstMs <= 1000)}`);
    console.log(`scroll, first pass (frames fetched):     ${fmt(coldFps, 'frames/s', '≥ 30', coldFps >= 30)}`);
    console.log(`scroll, second pass (frames cached):     ${fmt(warmFps, 'frames/s', '≥ 30', warmFps >= 30)}`);
  } finally {
    await browser.close();
    server?.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
}

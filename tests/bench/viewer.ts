/**
 * Viewer bench (browser mode): for a generated 300-slice 512×512 CT series, the time from "Open" to
 * the first image drawn, and the scroll rate through the stack in frames per second (each step waits
 * until cornerstone has drawn the next slice). Real server (`aegis serve`), Debian Chromium.
 * Targets: first image ≤ 1 s, scrolling ≥ 30 frames/s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { commonElements } from '../fixtures/dicom/baseFile';
import { pixelModuleElements, type ImageSpec } from '../fixtures/dicom/syntheticImage';
import { writePart10, type El } from '../fixtures/dicom/writePart10';

const SLICES = 300;
const SIZE = 512;

/** A CT-like slice in stored values (HU + 1024): body ellipse, a sphere that grows and shrinks along z. */
function slicePixels(z: number): Uint8Array {
  const out = new Int16Array(SIZE * SIZE);
  const c = SIZE / 2;
  const r = 60 * Math.sin((Math.PI * (z + 1)) / (SLICES + 1));
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const body = ((x - c) / 220) ** 2 + ((y - c) / 170) ** 2 < 1;
      const lesion = (x - c - 60) ** 2 + (y - c) ** 2 < r * r;
      const hu = !body ? -1000 : lesion ? 60 : 20 + 15 * Math.sin(x / 9 + z / 20) * Math.cos(y / 11);
      out[y * SIZE + x] = Math.round(hu + 1024);
    }
  }
  return new Uint8Array(out.buffer);
}

/** Writes the series as 300 Part 10 files; returns its folder. */
function writeCtSeries(root: string): string {
  const dir = join(root, 'ct-300');
  mkdirSync(dir, { recursive: true });
  const spec: ImageSpec = { rows: SIZE, columns: SIZE, bitsAllocated: 16, bitsStored: 16, signed: true };
  const lut: El[] = [
    [0x00281050, 'DS', '40'],
    [0x00281051, 'DS', '400'],
    [0x00281052, 'DS', '-1024'],
    [0x00281053, 'DS', '1'],
  ];
  for (let z = 0; z < SLICES; z++) {
    const els: El[] = [
      ...commonElements({ name: 'Bench CT 300', modality: 'CT', study: 'bench', series: 'bench/ct300', instance: z + 1, seriesNumber: 1, position: [0, 0, z] }),
      ...pixelModuleElements(spec),
      ...lut,
      [0x7fe00010, 'OW', slicePixels(z)],
    ];
    writeFileSync(join(dir, `ct-${String(z + 1).padStart(3, '0')}.dcm`), writePart10(els, { transferSyntax: '1.2.840.10008.1.2.1' }));
  }
  return dir;
}

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
    const folder = writeCtSeries(root);
    console.log(`generated ${SLICES} slices ${SIZE}×${SIZE} int16 in ${((Date.now() - t) / 1000).toFixed(1)} s`);
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

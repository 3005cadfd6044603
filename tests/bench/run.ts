export {};

/**
 * `npm run bench`: performance figures, printed as ratios measured in the same run (never asserted).
 * Each area contributes one module exporting `bench(): Promise<void>`; missing ones are skipped.
 */
const AREAS = ['./engine', './dicom', './viewer', './lab', './fakes', './catalogue', './qa'] as const;

for (const area of AREAS) {
  let mod: { bench?: () => Promise<void> } | undefined;
  try {
    mod = await import(`${area}.ts`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') continue;
    throw err;
  }
  if (!mod?.bench) continue;
  console.log(`\n== ${area.slice(2)} ==`);
  await mod.bench();
}

export {};

/**
 * `npm run bench`: performance figures, printed as ratios measured in the same run (never asserted).
 * Each area contributes one module exporting `bench(): Promise<void>`; missing ones are skipped.
 * `npm run bench -- qa fakes` runs only the named areas.
 */
const AREAS = ['./engine', './dicom', './viewer', './lab', './fakes', './catalogue', './qa'] as const;
const only = process.argv.slice(2);
const unknown = only.filter((a) => !AREAS.some((area) => area.slice(2) === a));
if (unknown.length) throw new Error(`unknown bench area ${unknown.join(', ')}; areas: ${AREAS.map((a) => a.slice(2)).join(', ')}`);

for (const area of AREAS.filter((a) => !only.length || only.includes(a.slice(2)))) {
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

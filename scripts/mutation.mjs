// npm run mutation [module …]: mutation testing (StrykerJS, Vitest runner) over the modules whose
// numbers users trust. For each module it mutates the product files, runs only that module's tests
// (per-test coverage: a mutant runs just the tests that reach it), and prints the mutation score and
// every surviving mutant. Not part of `npm test`: it takes minutes to hours on two cores.
import { Stryker } from '@stryker-mutator/core';

/** Module → the product files mutated and the tests meant to kill their mutants. */
const MODULES = {
  'attack-space': {
    mutate: ['electron/engine/attacks/attackSpace.ts'],
    tests: ['tests/engine/attacks/quantise.test.ts', 'tests/engine/attacks/attacks.test.ts'],
  },
  metrics: { mutate: ['electron/engine/metrics/{norms,psnr,ssim}.ts'], tests: ['tests/engine/metrics/metrics.test.ts'] },
  stats: { mutate: ['electron/engine/stats/**/*.ts'], tests: ['tests/engine/stats/**/*.test.ts'] },
  'dicom-decode': {
    mutate: ['electron/dicom/{decodeFrame,colour,pixelModule,frameBytes}.ts'],
    tests: ['tests/dicom/decode.test.ts'],
  },
  'autodiff-rules': { mutate: ['electron/engine/autodiff/ops/*.ts'], tests: ['tests/engine/autodiff/ops.test.ts'] },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((m) => !(m in MODULES));
if (unknown.length) {
  console.error(`Unknown module ${unknown.join(', ')}; choose from: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const names = asked.length ? asked : Object.keys(MODULES);
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const scores = [];

for (const name of names) {
  const { mutate, tests } = MODULES[name];
  process.env.AEGIS_MUTATION_TESTS = tests.join(',');
  const stryker = new Stryker({
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'vitest.mutation.config.ts' },
    coverageAnalysis: 'perTest',
    mutate,
    concurrency: Number(process.env.AEGIS_MUTATION_CONCURRENCY ?? 2),
    timeoutMS: 60_000,
    reporters: ['html', 'progress'],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
  });
  const results = await stryker.runMutationTest();
  const detected = results.filter((r) => DETECTED.has(r.status)).length;
  const undetected = results.filter((r) => UNDETECTED.has(r.status));
  const score = (100 * detected) / Math.max(1, detected + undetected.length);
  scores.push({ name, score, detected, undetected: undetected.length });
  console.log(`\n${name}: mutation score ${score.toFixed(1)} % (${detected} killed, ${undetected.length} survived or uncovered)`);
  for (const r of undetected) {
    console.log(`  ${r.status} ${r.fileName}:${r.location.start.line + 1} ${r.mutatorName}: ${(r.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)}`);
  }
}

console.log('\nmodule'.padEnd(18) + 'score');
for (const s of scores) console.log(`${s.name.padEnd(17)} ${s.score.toFixed(1)} % (${s.detected} / ${s.detected + s.undetected})`);

// The Vitest configuration StrykerJS runs under `npm run mutation`: the project's own settings, with
// the test files narrowed to the module being mutated (AEGIS_MUTATION_TESTS, comma-separated globs),
// so each mutant runs the tests that are meant to kill it rather than the whole suite.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

const only = process.env.AEGIS_MUTATION_TESTS?.split(',').filter(Boolean);

export default mergeConfig(base, defineConfig({ test: only?.length ? { include: only } : {} }));

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // onnxruntime phones home unless told not to (issue #13); tests load it in-process too.
    env: { ORT_DISABLE_TELEMETRY: '1' },
  },
});

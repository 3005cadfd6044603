/**
 * Test-only job kinds (sleep, echo, a kind that ignores cancellation, native crashes) on top of the
 * product's kinds. The product entry never loads this file.
 */
import { z } from 'zod';
import { JobRegistry } from '../../../electron/engine/jobs/registry';
import { registerProductKinds } from '../../../electron/engine/jobs/productKinds';

/** The product's kinds plus the test kinds. */
export function testRegistry(): JobRegistry {
  const registry = registerProductKinds(new JobRegistry());

  registry.register('test.echo', {
    payload: z.object({ value: z.unknown() }),
    run: async ({ value }) => ({ value, pid: process.pid, pixels: new Float32Array([0.5, -1.25, 3]), port: 'parentPort' in process ? 'parentPort' : 'ipc' }),
  });

  registry.register('test.sleep', {
    payload: z.object({ ms: z.number().int().positive(), steps: z.number().int().positive().default(4) }),
    run: async ({ ms, steps }, { signal, progress }) => {
      for (let i = 0; i < steps; i++) {
        await new Promise<void>((res, rej) => {
          const t = setTimeout(res, ms / steps);
          signal.addEventListener('abort', () => (clearTimeout(t), rej(new Error('aborted'))), { once: true });
        });
        progress((i + 1) / steps, `step ${i + 1} of ${steps}`);
      }
      return { slept: ms, pid: process.pid };
    },
  });

  registry.register('test.ignoreCancel', {
    payload: z.object({ ms: z.number() }),
    run: async ({ ms }) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        /* busy: never looks at its signal */
      }
      return 'finished anyway';
    },
  });

  registry.register('test.fail', {
    payload: z.object({}),
    run: async () => {
      throw new Error('The model file is not valid ONNX.');
    },
  });

  registry.register('test.segfault', {
    payload: z.object({}),
    run: async () => {
      process.kill(process.pid, 'SIGSEGV');
      await new Promise(() => undefined);
    },
  });

  registry.register('test.abort', {
    payload: z.object({}),
    run: async () => process.abort(),
  });

  return registry;
}

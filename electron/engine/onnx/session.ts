/**
 * onnxruntime-node sessions: execution-provider choice cuda → dml → coreml → cpu with fallback,
 * the provider in use reported, sessions cached by model hash and options.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InferenceSession } from 'onnxruntime-node';

/** Execution providers Aegis knows, in order of preference. */
export type ExecutionProvider = 'cuda' | 'dml' | 'coreml' | 'cpu';

/** Preference order used when the caller does not choose. */
export const PROVIDER_ORDER: readonly ExecutionProvider[] = ['cuda', 'dml', 'coreml', 'cpu'];

/** Options for {@link createSession}. */
export interface SessionOptions {
  /** Providers to try, in order; default {@link PROVIDER_ORDER} filtered by platform (cpu always last). */
  providers?: readonly ExecutionProvider[];
  /** Intra-op threads (default: onnxruntime's choice). */
  intraOpThreads?: number;
}

/** A session and the provider it actually runs on. */
export interface ModelSession {
  session: InferenceSession;
  provider: ExecutionProvider;
  /** Providers tried before this one, each with the reason it was skipped. */
  skipped: { provider: ExecutionProvider; reason: string }[];
}

/** Whether onnxruntime-node ships the provider bridge a GPU provider needs (avoids a noisy failed load). */
function gpuBridgePresent(): boolean {
  try {
    const main = createRequire(import.meta.url).resolve('onnxruntime-node');
    const bin = path.join(path.dirname(main), '..', 'bin', 'napi-v6', process.platform, process.arch);
    return existsSync(path.join(bin, process.platform === 'win32' ? 'onnxruntime_providers_shared.dll' : 'libonnxruntime_providers_shared.so'));
  } catch {
    return false;
  }
}

function platformProviders(): ExecutionProvider[] {
  const fromEnv = process.env.AEGIS_EP?.split(',').map((s) => s.trim()).filter(Boolean) as ExecutionProvider[] | undefined;
  if (fromEnv?.length) return fromEnv;
  return PROVIDER_ORDER.filter((p) => {
    if (p === 'dml') return process.platform === 'win32';
    if (p === 'coreml') return process.platform === 'darwin';
    if (p === 'cuda') return (process.platform === 'linux' || process.platform === 'win32') && gpuBridgePresent();
    return true;
  });
}

/** Creates a session for ONNX bytes, falling back provider by provider; throws if even CPU fails. */
export async function createSession(bytes: Uint8Array, options: SessionOptions = {}): Promise<ModelSession> {
  const order = [...(options.providers ?? platformProviders())];
  if (!order.includes('cpu')) order.push('cpu');
  const skipped: ModelSession['skipped'] = [];
  for (const provider of order) {
    try {
      const session = await InferenceSession.create(bytes, {
        executionProviders: [provider],
        graphOptimizationLevel: 'all',
        // Warnings (e.g. optimizer notes about generated gradient nodes) would flood stderr.
        logSeverityLevel: 3,
        ...(options.intraOpThreads ? { intraOpNumThreads: options.intraOpThreads, interOpNumThreads: 1 } : {}),
      });
      return { session, provider, skipped };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (provider === 'cpu') throw new Error(`onnxruntime could not load the model: ${reason}`, { cause: err });
      skipped.push({ provider, reason });
    }
  }
  throw new Error('no execution provider available');
}

const cache = new Map<string, Promise<ModelSession>>();

/**
 * Returns a cached session for `key` (a model hash, plus anything distinguishing the bytes),
 * creating it from `bytes()` on first use. A failed creation is not cached.
 */
export function cachedSession(key: string, bytes: () => Uint8Array, options: SessionOptions = {}): Promise<ModelSession> {
  const full = `${key}|${(options.providers ?? []).join(',')}|${options.intraOpThreads ?? 0}`;
  let entry = cache.get(full);
  if (!entry) {
    entry = createSession(bytes(), options);
    cache.set(full, entry);
    entry.catch(() => cache.delete(full));
  }
  return entry;
}

/** Releases every cached session (e.g. when models change on disk). */
export async function clearSessionCache(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  await Promise.all(entries.map(async (e) => (await e.catch(() => undefined))?.session.release()));
}

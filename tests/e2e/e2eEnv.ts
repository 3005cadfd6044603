/**
 * Where the end-to-end run's server and fixtures live. Fixed port and token so every spec (and a
 * person re-running one) can reach the server that globalSetup started; 127.0.0.1 only.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Loopback port of the e2e server. */
export const E2E_PORT = Number(process.env.AEGIS_E2E_PORT ?? 47813);
/** Access token of the e2e server (not a secret: the server only listens on loopback, for tests). */
export const E2E_TOKEN = 'aegis-e2e-token-0123456789abcdef';
/** Everything the run writes outside the repo: workspace, fixture folders. */
export const E2E_ROOT = join(tmpdir(), `aegis-e2e-${E2E_PORT}`);
/** Generated multi-series folder (several series, one multi-frame). */
export const MULTI_SERIES_DIR = join(E2E_ROOT, 'fixtures', 'multi-series');
/** A folder mixing good DICOM files with a non-DICOM file and a truncated one. */
export const BAD_INPUT_DIR = join(E2E_ROOT, 'fixtures', 'bad-input');
/** A folder of 10,000 files: one small CT series among 9,990 non-DICOM files. */
export const LARGE_DIR = join(E2E_ROOT, 'fixtures', 'large-mixed');
/** The page to open: the app with its token. */
export const APP_URL = `http://127.0.0.1:${E2E_PORT}/?token=${E2E_TOKEN}`;

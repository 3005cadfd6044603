import { spawnSync } from 'node:child_process';

/**
 * dciodvfy's error lines for a DICOM file (dicom3tools). It exits non-zero on warnings too, so its output
 * is read rather than its status. A missing tool, a crash, or an output with no verdict at all throws:
 * a validator that could not run must never read as "0 errors".
 */
export function dciodvfyErrors(path: string): string[] {
  const run = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  if (run.error) throw new Error(`dciodvfy could not run (${run.error.message}); install Debian's dicom3tools`);
  if (run.signal) throw new Error(`dciodvfy was killed by ${run.signal} on ${path}`);
  const text = `${run.stdout}${run.stderr}`;
  // dciodvfy always names the IOD it checked ("Warning - …", "Error - …" or the module list); empty output means it did not check.
  if (!/\S/.test(text)) throw new Error(`dciodvfy printed nothing for ${path} (exit ${run.status}); it did not validate the file`);
  return text.split('\n').filter((l) => l.startsWith('Error'));
}

/**
 * Issue #13: writing a data set through dcmjs (exports, attacked images) prints no library chatter,
 * such as dcmjs's "Unknown name in dataset" for each attribute it has no keyword for. Checked in a
 * child process, whose whole output must be empty.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = `
import { serialise } from './electron/dicom/dcmjsIo.ts';
const bytes = serialise({
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.7', SOPInstanceUID: '2.25.1', Modality: 'OT',
  NotADicomKeyword: 'x', AnotherUnknownName: 'y',
});
if (!(bytes.length > 132)) throw new Error('nothing written');
`;

describe('dcmjs stays quiet', () => {
  it('serialising a data set with names dcmjs does not know prints nothing', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });
});

/**
 * Checks a de-identified file against the DICOM PS3.15 Annex E Basic Application Level
 * Confidentiality Profile as Aegis applies it: every "X" attribute absent, every "Z" attribute empty,
 * no private tags, no overlays or curves, Patient Identity Removed = YES and the profile's code
 * (DCM 113100) in De-identification Method Code Sequence, and none of the given original UIDs left.
 */
import dcmjs from 'dcmjs';
import { BASIC_PROFILE_ACTIONS } from './deidentify';
import { vrOf } from './dictionary';
import { loadInstance } from './parseInstance';

/** Every problem found in `path`, in words; an empty list means the file passes. */
export async function basicProfileProblems(path: string, originalUids: ReadonlySet<string> = new Set()): Promise<string[]> {
  const inst = await loadInstance(path);
  const problems: string[] = [];
  const tagOf = (keyword: string): string | undefined => {
    const entry = dcmjs.data.DicomMetaDictionary.nameMap[keyword];
    return entry ? `x${entry.tag.replace(/[(),]/g, '').toLowerCase()}` : undefined;
  };
  const els = inst.dataSet.elements;
  for (const [keyword, action] of Object.entries(BASIC_PROFILE_ACTIONS)) {
    const tag = tagOf(keyword);
    if (!tag || !els[tag]) continue;
    if (action === 'X') problems.push(`${keyword} (${tag}) is present; the profile removes it`);
    if (action === 'Z' && els[tag].length > 0 && (inst.dataSet.string(tag) ?? '').replace(/\0/g, '').trim() !== '') problems.push(`${keyword} (${tag}) is not empty`);
  }
  for (const tag of Object.keys(els)) {
    const group = parseInt(tag.slice(1, 5), 16);
    if (group % 2 === 1) problems.push(`private tag ${tag} is present`);
    if ((group >= 0x5000 && group <= 0x50ff) || (group >= 0x6000 && group <= 0x60ff)) problems.push(`overlay or curve tag ${tag} is present`);
  }
  if ((inst.dataSet.string('x00120062') ?? '').trim() !== 'YES') problems.push('Patient Identity Removed (0012,0062) is not YES');
  const code = els.x00120064?.items?.[0]?.dataSet?.string('x00080100')?.trim();
  if (code !== '113100') problems.push('De-identification Method Code Sequence (0012,0064) does not name the Basic Profile (DCM 113100)');
  for (const tag of Object.keys(els)) {
    const el = els[tag];
    if ((el.vr ?? vrOf(tag)) === 'UI') {
      const v = (inst.dataSet.string(tag) ?? '').replace(/\0/g, '').trim();
      if (originalUids.has(v)) problems.push(`${tag} still holds the original UID ${v}`);
    }
  }
  return problems;
}

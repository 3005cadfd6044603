// Child process for the durability test: answers `count` cases for a reader, then kills itself with
// SIGKILL (no close, no checkpoint) — what a crash or power cut does.
import { ReaderStudyStore } from '../../../electron/services/readerStudy/readerStudyStore';
import { openWorkspace } from '../../../electron/services/workspace/openWorkspace';

const [home, studyId, readerId, count] = process.argv.slice(2);
const ws = openWorkspace(home);
const store = new ReaderStudyStore(ws.db);
for (let i = 0; i < Number(count); i++) {
  const pos = store.position(studyId, readerId);
  store.saveAnswer(studyId, readerId, {
    phaseId: pos.phaseId,
    caseId: pos.caseId,
    manipulated: i % 2 === 0,
    confidence: 1 + (i % 5),
    diagnosis: 'normal',
    marks: [],
    freeText: `answer ${i}`,
    durationMs: 1000 + i,
    interactions: [{ tMs: 10, kind: 'window', value: '400/40' }],
  });
}
process.stdout.write('saved\n');
process.kill(process.pid, 'SIGKILL');

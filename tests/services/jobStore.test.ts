import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobStore } from '../../electron/services/jobStore';
import { openWorkspace, type Workspace } from '../../electron/services/workspace/openWorkspace';
import type { BackendEvent } from '../../electron/services/backendTypes';

const opened: Array<{ ws: Workspace; home: string }> = [];
function workspace(): Workspace {
  const home = mkdtempSync(join(tmpdir(), 'aegis-jobs-'));
  const ws = openWorkspace(home);
  opened.push({ ws, home });
  return ws;
}
afterEach(() => {
  for (const { ws, home } of opened.splice(0)) {
    ws.close();
    rmSync(home, { recursive: true, force: true });
  }
});

describe('JobStore', () => {
  it('announces progress and the end, and wakes waiters', async () => {
    const events: BackendEvent[] = [];
    const jobs = new JobStore(workspace().db, (e) => events.push(e));
    const { jobId } = jobs.create('demo');
    const done = jobs.wait(jobId);
    jobs.start(jobId);
    jobs.progress(jobId, 1.7, 'over the top');
    jobs.finish(jobId, { state: 'done', result: { n: 1 } });
    jobs.finish(jobId, { state: 'failed', error: 'ignored: already ended' });
    expect(await done).toMatchObject({ state: 'done', result: { n: 1 }, progress: 1, error: null });
    expect(events.map((e) => e.name)).toEqual(['job.progress', 'job.progress', 'job.finished']);
    expect(events[1]!.payload).toMatchObject({ progress: 1, message: 'over the top', kind: 'demo' });
  });

  it('stores JSON results in the database, keeps binary ones in memory only', () => {
    const ws = workspace();
    const jobs = new JobStore(ws.db, () => undefined);
    const a = jobs.create('json').jobId;
    const b = jobs.create('binary').jobId;
    jobs.finish(a, { state: 'done', result: { probabilities: [0.25, 0.75] } });
    jobs.finish(b, { state: 'done', result: { map: new Float32Array([1, 2]) } });
    expect((jobs.get(b)?.result as { map: Float32Array }).map).toEqual(new Float32Array([1, 2]));
    const fresh = new JobStore(ws.db, () => undefined);
    expect(fresh.get(a)?.result).toEqual({ probabilities: [0.25, 0.75] });
    expect(fresh.get(b)).toMatchObject({ state: 'done' });
    expect(fresh.get(b)?.result).toBeUndefined();
    expect(fresh.list().map((j) => j.jobId)).toEqual([b, a]);
  });

  it('marks jobs of a gone process as interrupted, never those of a live one', async () => {
    const ws = workspace();
    const live = spawn('sleep', ['30']);
    const dead = spawnSync('true').pid;
    try {
      const insert = ws.db.prepare("INSERT INTO jobs (job_id, kind, state, progress, message, created_at, owner_pid) VALUES (?, 'attack', 'running', 0.5, 'Running', 1, ?)");
      insert.run('mine-live', live.pid);
      insert.run('mine-dead', dead);
      insert.run('old-no-owner', null);
      const jobs = new JobStore(ws.db, () => undefined);
      expect(jobs.get('mine-live')?.state).toBe('running');
      expect(jobs.get('mine-dead')).toMatchObject({ state: 'failed', error: 'Aegis closed while this job was running.' });
      expect(jobs.get('old-no-owner')?.state).toBe('failed');
    } finally {
      live.kill();
    }
  });
});

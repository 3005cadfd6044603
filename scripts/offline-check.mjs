#!/usr/bin/env node
// CI check (issue #13): Aegis makes no network connection and no DNS lookup of its own, and writes
// nothing under $HOME. Runs a scenario under `strace -f` with a fresh, empty $HOME and with
// ORT_DISABLE_TELEMETRY removed from the environment (the product must set it itself), then fails
// on any connect/sendto/sendmsg to an address other than loopback, any DNS query (port 53), or any
// file left under $HOME.
//
//   node scripts/offline-check.mjs demo    # `aegis demo`: study, predictions, PGD, derived DICOM
//   node scripts/offline-check.mjs serve   # `aegis serve` + the web API driving the engine (demo, predict)
//   node scripts/offline-check.mjs log LOG # a trace made elsewhere (e2e: AEGIS_E2E_STRACE=LOG npm test)
//   node scripts/offline-check.mjs -- CMD… # any other command
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every outbound attempt in an strace log that is not to loopback, as readable lines. */
export function outboundAttempts(log) {
  const bad = [];
  for (const line of log.split('\n')) {
    if (!/\b(connect|sendto|sendmsg)\(/.test(line)) continue;
    if (/sa_family=AF_INET6?\b/.test(line) || /msg_name=\{sa_family=AF_INET/.test(line)) {
      const port = /htons\((\d+)\)/.exec(line)?.[1];
      const v4 = /inet_addr\("([\d.]+)"\)/.exec(line)?.[1];
      const v6 = /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1];
      const loopback = (v4 && v4.startsWith('127.')) || v6 === '::1' || (v6 && /^::ffff:127\./.test(v6));
      if (!loopback || port === '53') bad.push(line.trim());
    }
  }
  return bad;
}

/** Files and folders left under `dir`, relative to it. */
function listTree(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = join(prefix, e.name);
    return e.isDirectory() ? [rel, ...listTree(join(dir, e.name), rel)] : [rel];
  });
}

function traced(args, env, log) {
  return ['strace', ['-f', '-qq', '-e', 'trace=connect,sendto,sendmsg', '-o', log, '--', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] }];
}

async function post(base, token, name, body) {
  const res = await fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${name}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function untilDone(base, token, jobId) {
  for (;;) {
    const job = await post(base, token, 'jobs.get', { jobId });
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs `aegis serve` under strace and drives the engine through the web API: demo, models, predict. */
async function serveScenario(env, log) {
  const token = 'offline-check-token';
  const [cmd, args, opts] = traced([process.execPath, 'bin/aegis.js', 'serve', '--port', '0', '--token', token], env, log);
  const child = spawn(cmd, args, { ...opts, detached: true });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`aegis serve exited (${code}) before printing its URL:\n${out}`)));
  });
  try {
    const demo = await post(url, token, 'app.demo', {});
    const { models } = await post(url, token, 'models.list', {});
    const classifier = models.find((m) => /classifier/.test(m.id)) ?? models[0];
    const { series } = await post(url, token, 'studies.list', {});
    const imageId = series[0]?.imageIds[0];
    if (!imageId) throw new Error(`no image id in studies.list: ${JSON.stringify(series[0]).slice(0, 300)}`);
    const { jobId } = await post(url, token, 'predict.run', { modelId: classifier.id, imageId });
    const job = await untilDone(url, token, jobId);
    if (job.state !== 'done') throw new Error(`predict ended ${job.state}: ${JSON.stringify(job.error ?? job)}`);
    console.log(`serve: demo (${demo.studyPaths.length} files), predict with ${classifier.id} on ${imageId}: done`);
  } finally {
    process.kill(-child.pid, 'SIGINT');
    await new Promise((r) => child.on('close', r));
  }
}

/** Throws when the trace holds an outbound attempt or `home` holds anything; else says so. */
function report(traceText, home, mode) {
  const attempts = outboundAttempts(traceText);
  const homeFiles = listTree(home);
  if (attempts.length || homeFiles.length) {
    for (const a of attempts.slice(0, 20)) console.error(`outbound: ${a}`);
    for (const f of homeFiles.slice(0, 20)) console.error(`written under $HOME: ${f}`);
    throw new Error(`${attempts.length} outbound connection attempt(s), ${homeFiles.length} path(s) under $HOME`);
  }
  const connects = traceText.split('\n').filter((l) => /\bconnect\(/.test(l)).length;
  console.log(`offline-check ${mode}: ${connects} connect calls traced, none outbound, no DNS lookup, nothing under $HOME`);
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  const root = mkdtempSync(join(tmpdir(), 'aegis-offline-'));
  const home = join(root, 'home');
  spawnSync('mkdir', ['-p', home]);
  const env = { ...process.env, HOME: home, AEGIS_HOME: join(root, 'aegis-home'), XDG_CACHE_HOME: '', XDG_CONFIG_HOME: '' };
  delete env.ORT_DISABLE_TELEMETRY;
  delete env.XDG_CACHE_HOME;
  delete env.XDG_CONFIG_HOME;
  const log = join(root, 'strace.log');
  try {
    if (mode === 'log') {
      // A trace written elsewhere (the e2e server under AEGIS_E2E_STRACE=LOG): check LOG and LOG.home.
      const [given] = rest;
      if (!given) throw new Error('usage: offline-check.mjs log STRACE_LOG');
      return report(readFileSync(given, 'utf8'), `${given}.home`, mode);
    }
    if (mode === 'serve') await serveScenario(env, log);
    else {
      const command = mode === 'demo' ? [process.execPath, 'bin/aegis.js', 'demo', '--out', join(root, 'demo-out')] : rest;
      if (mode !== 'demo' && mode !== '--') throw new Error('usage: offline-check.mjs demo | serve | log LOG | -- CMD…');
      const [cmd, args, opts] = traced(command, env, log);
      const r = spawnSync(cmd, args, { ...opts, stdio: ['ignore', 'ignore', 'inherit'] });
      if (r.status !== 0) throw new Error(`${command.join(' ')} exited with ${r.status}`);
    }
    report(readFileSync(log, 'utf8'), home, mode);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`offline-check failed: ${err.message}`);
    process.exit(1);
  });
}

#!/usr/bin/env node
// npm run chaos: faults under load, on one host per organisation (network namespaces; needs root).
// Brings up its own network (.network-chaos), keeps a steady mixed load of payments (Finance's
// gateway) and access events (Audit's), and in turn kills -9 each orderer, each peer, each gateway
// and each org's chaincode process, then cuts Finance's host off the others for 30 s and heals it,
// fills a peer's disk (its data on a small filesystem of its own, scripts/peer-disk.sh) and frees it,
// and wipes a peer's disk and rebuilds it from the other peer's snapshot (scripts/peer-recover.sh).
// Clients retry a refused write with the same lineId / eventId, as the README tells them to.
// Then it checks that every acknowledged write is in every org's index exactly once with the
// acknowledged txId, and that the whole-chain audit finds the orgs' chains identical. Prints a
// table per fault (writes refused, seconds to recover, p99 during the fault), writes JSON to
// bench-results/, and removes everything (WELFARE_CHAOS_KEEP=1 keeps the network).
//   WELFARE_HOSTS_SUBNET (10.77.0), WELFARE_HOSTS_PREFIX (wl), WELFARE_PORT_BASE (37000),
//   WELFARE_GATEWAY_PORT (38080), WELFARE_CHAOS_FAULT_SECONDS (15), WELFARE_CHAOS_PARTITION_SECONDS (30),
//   WELFARE_CHAOS_DISK_PEER (finance: the peer whose disk fills; finance-peer1 for the second),
//   WELFARE_CHAOS_LOST_PEER (civilaffairs-peer1: the peer that loses its disk and is recovered),
//   WELFARE_CHAOS_FAULTS (all; else comma-separated parts of fault names, e.g. "orderer,disk")
'use strict';
const { execFile, execFileSync } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const Database = require('better-sqlite3');
const { makeResidentId } = require('../gateway/dist/privacy/resident-id');

const REPO = path.resolve(__dirname, '..');
const RUN_DIR = process.env.WELFARE_RUN_DIR ?? path.join(REPO, '.network-chaos');
const SUBNET = process.env.WELFARE_HOSTS_SUBNET ?? '10.77.0';
const PREFIX = process.env.WELFARE_HOSTS_PREFIX ?? 'wl';
const GATEWAY_PORT = Number(process.env.WELFARE_GATEWAY_PORT ?? 38080);
const FAULT_SECONDS = Number(process.env.WELFARE_CHAOS_FAULT_SECONDS ?? 15);
const PARTITION_SECONDS = Number(process.env.WELFARE_CHAOS_PARTITION_SECONDS ?? 30);
const DISK_PEER = process.env.WELFARE_CHAOS_DISK_PEER ?? 'finance';
const LOST_PEER = process.env.WELFARE_CHAOS_LOST_PEER ?? 'civilaffairs-peer1';
const ONLY = (process.env.WELFARE_CHAOS_FAULTS ?? '').split(',').filter(Boolean);
const env = {
  ...process.env,
  WELFARE_RUN_DIR: RUN_DIR,
  WELFARE_PORT_BASE: process.env.WELFARE_PORT_BASE ?? '37000',
  WELFARE_GATEWAY_PORT: String(GATEWAY_PORT),
  WELFARE_HOSTS_SUBNET: SUBNET,
  WELFARE_HOSTS_PREFIX: PREFIX,
};
const ORGS = ['civilaffairs', 'finance', 'audit'];
const HOST_NUMBER = { civilaffairs: 21, finance: 22, audit: 23 };
const SYSTEM = { civilaffairs: 'civil-affairs-system', finance: 'finance-system', audit: 'audit-system' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const script = (name, ...args) => execFileSync('bash', [path.join(REPO, 'scripts', name), ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
// While a fault is injected or healed the load goes on: a synchronous child would stop this
// process's event loop, and every answer arriving meanwhile would be timed late (or its idle
// connection found closed), which the table would blame on the fault.
const scriptInBackground = async (name, ...args) =>
  (await promisify(execFile)('bash', [path.join(REPO, 'scripts', name), ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 })).stdout;
const pidOf = (node) => Number(fs.readFileSync(path.join(RUN_DIR, 'pids', `${node}.pid`), 'utf8'));
/** A peer key (finance, finance-peer1) as the helper scripts take it: org and peer index. */
const peerArgs = (key) => [key.split('-')[0], key.includes('-peer') ? key.split('-peer')[1] : '0'];
const alive = (node) => {
  try {
    return !/^State:\s*Z/m.test(fs.readFileSync(`/proc/${pidOf(node)}/status`, 'utf8'));
  } catch {
    return false;
  }
};

/** One request to an org's gateway over HTTPS; status 0 when no answer came (refused, reset, timeout). */
function call(org, method, route, body) {
  const dir = path.join(RUN_DIR, 'orgs', org, 'gateway');
  const key = JSON.parse(fs.readFileSync(path.join(dir, 'bootstrap-keys.json'), 'utf8'))[SYSTEM[org]].apiKey;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = https.request(
      {
        host: `${SUBNET}.${HOST_NUMBER[org]}`, port: GATEWAY_PORT + ORGS.indexOf(org), path: route, method, timeout: 60000,
        agent: false, // a connection per request: no refusal from reusing one the gateway had closed
        ca: fs.readFileSync(path.join(dir, 'tls', 'ca.crt')), servername: `gateway.${org}.welfare.local`,
        headers: { authorization: `Bearer ${key}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0 }));
    req.end(payload);
  });
}

// -- the load: payments and access events, each retried with the same id until acknowledged -------
const CITIZENS = 40;
const programmeId = `CHAOS_${Date.now().toString(36).toUpperCase()}`;
const citizens = Array.from({ length: CITIZENS }, (_, i) => makeResidentId('310104', '19500101', String(i).padStart(3, '0')));
const attempts = []; // { kind, start, end, ok, status }
const timeline = []; // when each fault was injected and healed, and the network ready again
const acked = { payments: new Map(), events: new Map() };
let running = true;

async function untilAcknowledged(kind, org, route, body, onAck) {
  while (running) {
    const start = Date.now();
    const answer = await call(org, 'POST', route, body);
    attempts.push({ kind, start, end: Date.now(), ok: answer.status === 201, status: answer.status });
    if (answer.status === 201) return onAck(answer.body);
    await sleep(250);
  }
}

async function payer(first, step) {
  for (let k = first; running; k += step) {
    const month = Math.floor(k / CITIZENS);
    const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const line = { lineId: `${programmeId}-L${k}`, programmeId, period, citizenId: citizens[k % CITIZENS], amountFen: 1000, bankAccount: '6222020000000099', kind: 'REGULAR' };
    await untilAcknowledged('payment', 'finance', '/v1/disbursements', line, (r) => acked.payments.set(line.lineId, r.txId));
  }
}

async function accessLogger(first, step) {
  for (let k = first; running; k += step) {
    const event = {
      eventId: `${programmeId}-E${k}`, subjectRef: 'c'.repeat(64), datasetCode: 'JM.T01', fields: ['name'], purpose: 'AUDIT',
      legalBasis: 'chaos run', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1,
    };
    await untilAcknowledged('event', 'audit', '/v1/access-events', event, (r) => acked.events.set(event.eventId, r.events?.[0]?.batchId ?? true));
  }
}

// -- the faults ---------------------------------------------------------------------------------
const restartNetwork = () => scriptInBackground('network-up.sh');
const kill = (node, heal = restartNetwork) => ({ name: `kill -9 ${node}`, inject: () => process.kill(pidOf(node), 'SIGKILL'), heal });
const chaincodeOf = (org) => ({
  name: `kill -9 chaincode of peer0 ${org}`,
  // The external builder's run script execs node, so the chaincode is the peer's child.
  inject: () => execFileSync('pkill', ['-KILL', '-P', String(pidOf(`peer-${org}`))]),
  heal: () => {}, // the peer starts it again on the next proposal
});
const partition = (org) => ({
  name: `${org} host cut off ${PARTITION_SECONDS} s`,
  seconds: PARTITION_SECONDS,
  inject: () => execFileSync('ip', ['-n', `${PREFIX}-${org}`, 'link', 'set', 'eth0', 'down']),
  heal: () => execFileSync('ip', ['-n', `${PREFIX}-${org}`, 'link', 'set', 'eth0', 'up']),
});
/**
 * The peer's data fills its own small filesystem under load. Fabric v2.5.0 panics when it cannot
 * write a block ("Cannot commit block to the ledger"): if the peer exited, it is restarted once the
 * disk is freed, as after kill -9. What the peer did goes in the row.
 */
const diskFull = (key) => {
  const observed = {};
  return {
    name: `disk of peer ${key} full`,
    observed,
    inject: async () => {
      observed.filled = (await scriptInBackground('peer-disk.sh', 'fill', ...peerArgs(key))).trim();
    },
    beforeHeal: () => {
      observed.peerExited = !alive(`peer-${key}`);
      const log = fs.readFileSync(path.join(RUN_DIR, 'logs', `peer-${key}.log`), 'utf8');
      observed.noSpaceLines = (log.match(/no space left on device/gi) ?? []).length;
      observed.panic = (log.match(/^panic: .*$|Cannot commit block[^\n]{0,160}/m) ?? [null])[0];
    },
    heal: async () => {
      await scriptInBackground('peer-disk.sh', 'free', ...peerArgs(key));
      if (observed.peerExited) await restartNetwork();
    },
  };
};
/** The peer's disk is lost (kill -9, data gone); it comes back from its org's other peer's snapshot. */
const diskLost = (key) => {
  const observed = {};
  return {
    name: `peer ${key} loses its disk, recovered from a snapshot`,
    observed,
    inject: () => {
      process.kill(pidOf(`peer-${key}`), 'SIGKILL');
      fs.rmSync(path.join(RUN_DIR, 'orgs', peerArgs(key)[0], 'ledgers', key), { recursive: true, force: true });
    },
    heal: async () => Object.assign(observed, JSON.parse((await scriptInBackground('peer-recover.sh', ...peerArgs(key))).trim().split('\n').pop())),
  };
};
const FAULTS = [
  ...[1, 2, 3].map((n) => kill(`orderer${n}`)),
  ...ORGS.flatMap((org) => [kill(`peer-${org}`), kill(`peer-${org}-peer1`)]),
  ...ORGS.map((org) => kill(`gateway-${org}`, () => scriptInBackground('gateway-start.sh', org))),
  ...ORGS.map(chaincodeOf),
  // Before the partition: after it heals, Finance's peers may get no block for a while (their
  // delivery stream from the orderers is dead until gRPC keepalive notices), and a peer with no
  // block to write never meets its full disk.
  diskFull(DISK_PEER),
  diskLost(LOST_PEER),
  partition('finance'),
].filter((fault) => ONLY.length === 0 || ONLY.some((part) => fault.name.includes(part)));

async function allReady(ms = 180000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const answers = await Promise.all(ORGS.map((org) => call(org, 'GET', '/health/ready')));
    if (answers.every((a) => a.status === 200)) return true;
    await sleep(1000);
  }
  return false;
}

function p99(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

/** What the load saw from `from` to `to`: refused attempts, the last refusal, p99 latency. */
function during(from, to) {
  const inWindow = attempts.filter((a) => a.start >= from && a.start < to);
  const refused = inWindow.filter((a) => !a.ok);
  const lastRefusal = refused.length ? Math.max(...refused.map((a) => a.end)) : from;
  return {
    writes: inWindow.length,
    refused: refused.length,
    recoverySeconds: +((lastRefusal - from) / 1000).toFixed(1),
    p99Ms: p99(inWindow.map((a) => a.end - a.start)),
  };
}

// -- the checks ---------------------------------------------------------------------------------
/** Every acknowledged write in every org's index once, under the acknowledged txId. */
function checkIndexes() {
  const result = {};
  for (const org of ORGS) {
    const db = new Database(path.join(RUN_DIR, 'orgs', org, 'gateway', 'index.db'), { readonly: true, fileMustExist: true });
    const posted = db.prepare("SELECT COUNT(*) AS n FROM line_events WHERE line_id = ? AND action = 'POSTED'");
    const line = db.prepare('SELECT tx_id FROM disbursement_lines WHERE line_id = ?');
    const event = db.prepare('SELECT 1 FROM access_events WHERE event_id = ?');
    let lost = 0, duplicated = 0, otherTx = 0, eventsLost = 0;
    for (const [lineId, txId] of acked.payments) {
      const n = posted.get(lineId).n;
      if (n === 0) lost++;
      if (n > 1) duplicated++;
      const row = line.get(lineId);
      if (row && row.tx_id !== txId) otherTx++;
    }
    for (const eventId of acked.events.keys()) if (!event.get(eventId)) eventsLost++;
    db.close();
    result[org] = { lost, duplicated, otherTx, eventsLost };
  }
  return result;
}

function audit() {
  const trust = path.join(RUN_DIR, 'chaos-trust.json');
  const cli = path.join(REPO, 'gateway', 'bin', 'welfare-ledger.js');
  execFileSync('node', [cli, 'trust', 'init', path.join(RUN_DIR, 'shared', 'welfare.block'), '--out', trust], { env });
  try {
    return JSON.parse(execFileSync('node', [cli, 'audit', '--json', '--trust', trust], { env, encoding: 'utf8', maxBuffer: 256 << 20 }));
  } catch (err) {
    return JSON.parse(err.stdout);
  }
}

async function main() {
  const began = Date.now();
  console.log(`chaos: hosts on ${SUBNET}.0/24 (${PREFIX}-*), run directory ${RUN_DIR}`);
  script('hosts-up.sh');
  script('peer-disk.sh', 'mount', ...peerArgs(DISK_PEER));
  script('network-up.sh');
  script('deploy-chaincode.sh');
  script('gateway-start.sh');
  const civil = (route, body) => call('civilaffairs', 'POST', route, body);
  if ((await civil('/v1/programmes', { id: programmeId, nameEn: 'Chaos', nameZh: '混沌', monthlyCapFen: 50000 })).status !== 201) throw new Error('programme not created');
  for (const citizenId of citizens) {
    const granted = await civil('/v1/eligibility/grant', {
      citizenId, programmeId, validFrom: '2000-01-01', districtCode: '310104', decisionRef: 'CHAOS',
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
    });
    if (granted.status !== 201) throw new Error(`eligibility not granted: ${granted.status}`);
  }

  const load = [0, 1, 2, 3].map((i) => payer(i, 4)).concat([0, 1].map((i) => accessLogger(i, 2)));
  await sleep(10000);
  const baseline = during(Date.now() - 10000, Date.now());
  const rows = [{ fault: 'none (10 s baseline)', ...baseline }];
  for (const fault of FAULTS) {
    const from = Date.now();
    try {
      await fault.inject();
    } catch (err) {
      console.error(`${fault.name}: could not inject (${err.message.split('\n')[0]})`);
    }
    await sleep((fault.seconds ?? FAULT_SECONDS) * 1000);
    fault.beforeHeal?.();
    const healedAt = Date.now();
    await fault.heal();
    const ready = await allReady();
    await sleep(3000);
    const row = { fault: fault.name, ...during(from, Date.now()), healedAfterSeconds: +((healedAt - from) / 1000).toFixed(1), readyAgain: ready, ...(fault.observed ? { observed: fault.observed } : {}) };
    timeline.push({ fault: fault.name, injectedAt: from, healedAt, readyAt: Date.now() - 3000 });
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  running = false;
  await Promise.all(load);
  await sleep(5000); // the indexes follow the last blocks

  const indexes = checkIndexes();
  const report = audit();
  const summary = {
    at: new Date().toISOString(),
    minutes: +((Date.now() - began) / 60000).toFixed(1),
    acknowledged: { payments: acked.payments.size, accessEvents: acked.events.size },
    indexes,
    audit: { ok: report.ok, findings: report.findings?.length, orgs: report.channelOrgs },
    faults: rows,
    timeline,
    attempts, // every attempt, for the per-second picture of a fault
  };
  fs.mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  const out = path.join(REPO, 'bench-results', `chaos-${summary.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(out, JSON.stringify(summary, null, 2));

  const lost = Object.values(indexes).reduce((n, i) => n + i.lost + i.eventsLost, 0);
  const duplicated = Object.values(indexes).reduce((n, i) => n + i.duplicated + i.otherTx, 0);
  console.log(`\nacknowledged: ${acked.payments.size} payments, ${acked.events.size} access events; lost ${lost}, duplicated ${duplicated}; audit ${report.ok ? 'identical chains, no finding' : `${report.findings?.length} findings`}\n`);
  console.log('| fault | attempts | refused | recovery s | p99 ms |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.fault} | ${r.writes} | ${r.refused} | ${r.recoverySeconds} | ${r.p99Ms} |`);
  console.log(`\n${out}`);
  if (lost || duplicated || !report.ok) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(`chaos failed: ${err.stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(() => {
    running = false;
    if (process.env.WELFARE_CHAOS_KEEP === '1') return;
    try { script('network-stop.sh'); } catch { /* removed below regardless */ }
    try { script('peer-disk.sh', 'unmount', ...peerArgs(DISK_PEER)); } catch (err) { console.error(`unmount failed: ${err.message}`); }
    try { script('network-down.sh'); } catch { /* removed below regardless */ }
    try { script('hosts-down.sh'); } catch (err) { console.error(`hosts-down failed: ${err.message}`); }
    fs.rmSync(RUN_DIR, { recursive: true, force: true });
  });

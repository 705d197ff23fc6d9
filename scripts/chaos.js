#!/usr/bin/env node
// npm run chaos: faults under load, on one host per organisation (network namespaces; needs root).
// Brings up its own network (.network-chaos), keeps a steady mixed load of payments (Finance's
// gateway) and access events (Audit's), and in turn kills -9 each orderer, each peer, each gateway
// and each org's chaincode process, then cuts Finance's host off the others for 30 s and heals it.
// Clients retry a refused write with the same lineId / eventId, as the README tells them to.
// Then it checks that every acknowledged write is in every org's index exactly once with the
// acknowledged txId, and that the whole-chain audit finds the orgs' chains identical. Prints a
// table per fault (writes refused, seconds to recover, p99 during the fault), writes JSON to
// bench-results/, and removes everything (WELFARE_CHAOS_KEEP=1 keeps the network).
//   WELFARE_HOSTS_SUBNET (10.77.0), WELFARE_HOSTS_PREFIX (wl), WELFARE_PORT_BASE (37000),
//   WELFARE_GATEWAY_PORT (38080), WELFARE_CHAOS_FAULT_SECONDS (15), WELFARE_CHAOS_PARTITION_SECONDS (30)
'use strict';
const { execFileSync } = require('node:child_process');
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
const pidOf = (node) => Number(fs.readFileSync(path.join(RUN_DIR, 'pids', `${node}.pid`), 'utf8'));

/** One request to an org's gateway over HTTPS; status 0 when no answer came (refused, reset, timeout). */
function call(org, method, route, body) {
  const dir = path.join(RUN_DIR, 'orgs', org, 'gateway');
  const key = JSON.parse(fs.readFileSync(path.join(dir, 'bootstrap-keys.json'), 'utf8'))[SYSTEM[org]].apiKey;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = https.request(
      {
        host: `${SUBNET}.${HOST_NUMBER[org]}`, port: GATEWAY_PORT + ORGS.indexOf(org), path: route, method, timeout: 60000,
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
const attempts = []; // { kind, start, end, ok }
const acked = { payments: new Map(), events: new Map() };
let running = true;

async function untilAcknowledged(kind, org, route, body, onAck) {
  while (running) {
    const start = Date.now();
    const answer = await call(org, 'POST', route, body);
    attempts.push({ kind, start, end: Date.now(), ok: answer.status === 201 });
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
const restartNetwork = () => script('network-up.sh');
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
const FAULTS = [
  ...[1, 2, 3].map((n) => kill(`orderer${n}`)),
  ...ORGS.flatMap((org) => [kill(`peer-${org}`), kill(`peer-${org}-peer1`)]),
  ...ORGS.map((org) => kill(`gateway-${org}`, () => script('gateway-start.sh', org))),
  ...ORGS.map(chaincodeOf),
  partition('finance'),
];

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
      fault.inject();
    } catch (err) {
      console.error(`${fault.name}: could not inject (${err.message.split('\n')[0]})`);
    }
    await sleep((fault.seconds ?? FAULT_SECONDS) * 1000);
    fault.heal();
    const ready = await allReady();
    await sleep(3000);
    const row = { fault: fault.name, ...during(from, Date.now()), readyAgain: ready };
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
    try { script('network-down.sh'); } catch { /* removed below regardless */ }
    try { script('hosts-down.sh'); } catch (err) { console.error(`hosts-down failed: ${err.message}`); }
    fs.rmSync(RUN_DIR, { recursive: true, force: true });
  });

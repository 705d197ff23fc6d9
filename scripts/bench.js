#!/usr/bin/env node
// npm run bench: throughput and latency on a real network of its own (.network-bench, ports
// 27000+ or WELFARE_BENCH_PORT_BASE), reported against a plain Fabric write measured in the same run. Prints a table and
// writes JSON to bench-results/. Figures are only comparable within one run: the machine is shared.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { connectAs, newPeerClient } = require('../gateway/dist/fabric/connection');
const { common } = require('@hyperledger/fabric-protos');
const { benchProofs } = require('./bench-proofs');
const { goalRows, printableGoalRows } = require('./bench-goals');
const { stackRssMiB } = require('./bench-scale/probes');
const { idleCpuPerSecond, withCpu, cpuTable } = require('./bench-cpu');

const REPO = path.resolve(__dirname, '..');
const RUN_DIR = process.env.WELFARE_BENCH_RUN_DIR ?? path.join(REPO, '.network-bench');
const PORT_BASE = Number(process.env.WELFARE_BENCH_PORT_BASE ?? 27000);
// The orgs' gateways listen on WELFARE_BENCH_GATEWAY_PORT (default PORT_BASE + 1080, Civil Affairs), +1 (Finance), +2 (Audit).
const GATEWAY_PORT = Number(process.env.WELFARE_BENCH_GATEWAY_PORT ?? PORT_BASE + 1080);
const env = { ...process.env, WELFARE_RUN_DIR: RUN_DIR, WELFARE_PORT_BASE: String(PORT_BASE), WELFARE_GATEWAY_PORT: String(GATEWAY_PORT) };
const AUDIT_GATEWAY_URL = `http://127.0.0.1:${GATEWAY_PORT + 2}`;
const auditSystemKey = () => JSON.parse(readFileSync(path.join(RUN_DIR, 'orgs', 'audit', 'gateway', 'bootstrap-keys.json'), 'utf8'))['audit-system'].apiKey;
const TOTAL = Number(process.env.WELFARE_BENCH_TXS ?? 1000);
const CONCURRENCY = Number(process.env.WELFARE_BENCH_CONCURRENCY ?? 64);
// Transactions of each measured kind sent first and not counted.
const WARMUP = Number(process.env.WELFARE_BENCH_WARMUP ?? 200);
const DEADLINES = { evaluateMs: 30000, endorseMs: 60000, submitMs: 30000, commitStatusMs: 120000 };
const tag = Date.now().toString(36).toUpperCase();

const script = (name) => execFileSync('bash', [path.join(REPO, 'scripts', name)], { env, stdio: 'inherit' });

// The plain-write baseline is a chaincode of its own (bench/plain-write), deployed only here.
const PLAIN_WRITE_CHAINCODE = 'welfare-bench';

function connect(mspId) {
  const org = JSON.parse(readFileSync(path.join(RUN_DIR, 'network.json'), 'utf8')).orgs.find((o) => o.mspId === mspId);
  const client = newPeerClient(org);
  const gateway = connectAs(client, mspId, org.client, DEADLINES);
  const network = gateway.getNetwork('welfare');
  const qscc = network.getContract('qscc');
  return {
    contract: network.getContract('welfare'),
    plainWrite: network.getContract(PLAIN_WRITE_CHAINCODE),
    /** The channel's block count, from the org's peer (qscc GetChainInfo). */
    chainHeight: async () => Number(common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', 'welfare')).getHeight()),
    close: () => (gateway.close(), client.close()),
  };
}

/** A registered system's own identity (enrolled at its org's CA, kept in the org gateway's key store). */
function connectAsSystem(mspId, org, systemId) {
  const peer = JSON.parse(readFileSync(path.join(RUN_DIR, 'network.json'), 'utf8')).orgs.find((o) => o.mspId === mspId);
  const msp = path.join(RUN_DIR, 'orgs', org, 'gateway', 'systems', systemId, 'msp');
  const key = readdirSync(path.join(msp, 'keystore')).find((name) => name.endsWith('_sk'));
  const client = newPeerClient(peer);
  const gateway = connectAs(client, mspId, { cert: path.join(msp, 'signcerts', 'cert.pem'), key: path.join(msp, 'keystore', key) }, DEADLINES);
  return { contract: gateway.getNetwork('welfare').getContract('welfare'), close: () => (gateway.close(), client.close()) };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A transaction as a bench operation: submitted with submitAsync, done when its commit status is in. */
const submitting = (contract, fn, argsFor) => async (i) => {
  const submitted = await contract.submitAsync(fn, { arguments: argsFor(i) });
  return (await submitted.getStatus()).successful;
};

/** The orderers' block cutting this network was made with, read from its configtx.yaml (network-up.sh; docs/performance.md "Block cutting"). */
function blockCutting() {
  const configtx = readFileSync(path.join(RUN_DIR, 'config', 'configtx', 'configtx.yaml'), 'utf8');
  const value = (name) => configtx.match(new RegExp(`^\\s*${name}: (\\S+)`, 'm'))?.[1];
  return { batchTimeout: value('BatchTimeout'), maxMessageCount: Number(value('MaxMessageCount')) };
}

/** As `submitting`, keeping apart the time to endorse and hand to the orderers and the wait for the commit. */
const timedSubmitting = (phases, contract, fn, argsFor) => async (i) => {
  const t0 = process.hrtime.bigint();
  const submitted = await contract.submitAsync(fn, { arguments: argsFor(i) });
  const t1 = process.hrtime.bigint();
  const { successful } = await submitted.getStatus();
  phases.sentMs.push(Number(t1 - t0) / 1e6);
  phases.committedMs.push(Number(process.hrtime.bigint() - t1) / 1e6);
  return successful;
};

/** Runs `op(0..total-1)`, `inFlight` at a time, timing each from start to done. */
async function run(label, total, op, inFlight = CONCURRENCY) {
  const latencies = [];
  let next = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    while (next < total) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      try {
        if (!(await op(i))) failed++;
      } catch (err) {
        failed++;
        if (failed <= 3) console.error(`  ${label} failed: ${err.message}`);
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { txs: total, failed, seconds, tps: (total - failed) / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/** Retries one plain write until the network endorses it (discovery has caught up), for at most 2 minutes. */
async function untilEndorsable(org) {
  for (let attempt = 1; ; attempt++) {
    try {
      await org.plainWrite.submitTransaction('bench:PutValue', `ready-${tag}-${attempt}`, 'v');
      await org.contract.evaluateTransaction('programme:ListProgrammes');
      return;
    } catch (err) {
      if (attempt >= 120) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function subjectRef(i) {
  return require('node:crypto').createHash('sha256').update(`bench-${tag}-${i}`).digest('hex');
}

function periodFor(i) {
  const month = i % 12;
  return `${1990 + Math.floor(i / 12)}-${String(month + 1).padStart(2, '0')}`;
}

async function main() {
  script('network-up.sh');
  script('deploy-chaincode.sh');
  execFileSync('npx', ['tsc', '-p', path.join(REPO, 'bench', 'plain-write')], { cwd: REPO, stdio: 'inherit' });
  execFileSync('bash', [path.join(REPO, 'scripts', 'deploy-chaincode.sh'), PLAIN_WRITE_CHAINCODE, path.join(REPO, 'bench', 'plain-write'), 'bench:Ping'], { env, stdio: 'inherit' });
  // The gateways register the first systems and enroll their own certificates at the orgs' CAs.
  script('gateway-start.sh');
  const civil = connect('CivilAffairsMSP');
  const finance = connect('FinanceMSP');
  const financeSystem = connectAsSystem('FinanceMSP', 'finance', 'finance-system');
  const results = { blockCutting: blockCutting() };
  console.log(`block cutting: BatchTimeout ${results.blockCutting.batchTimeout}, MaxMessageCount ${results.blockCutting.maxMessageCount}`);
  let proofs;
  try {
    // Right after a deploy the peers' discovery may not yet know every peer has the chaincode.
    for (const org of [finance, civil]) await untilEndorsable(org);
    const programmeId = `BENCH_${tag}`;
    await civil.contract.submitTransaction('programme:CreateProgramme', JSON.stringify({ id: programmeId, nameEn: 'bench', nameZh: '基准', monthlyCapFen: 100000 }));
    const subjects = 50;
    await run('eligibility:Grant', subjects, submitting(civil.contract, 'eligibility:Grant', (i) => [JSON.stringify({
      subjectRef: subjectRef(i), programmeId, validFrom: '1990-01-01', validTo: null, districtCode: '310104',
      decisionRef: `BENCH-${i}`, evidence: [], checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'bench' }],
    })]));
    // One payment line per (subject, period): `first` keeps each phase's periods apart.
    const disbursing = (contract, prefix, first) => submitting(contract, 'disbursement:PostDisbursement', (i) => [JSON.stringify({
      lineId: `BENCH-${tag}-${prefix}${i}`, programmeId, period: periodFor(first + Math.floor(i / subjects)), subjectRef: subjectRef(i % subjects),
      amountFen: 10000, accountRef: subjectRef(-1 - i), kind: 'REGULAR',
    })]);
    // Warm-up of every measured path, at the measured in-flight count: the first calls start and
    // JIT-compile the chaincode processes on every peer and the gateways' block indexing.
    await run('bench:PutValue', WARMUP, submitting(finance.plainWrite, 'bench:PutValue', (i) => [`warmup-${tag}-${i}`, 'v']));
    await run('disbursement:PostDisbursement', WARMUP, disbursing(finance.contract, 'W', 1200));
    await run('disbursement:PostDisbursement', WARMUP, disbursing(financeSystem.contract, 'WS', 1500));

    // The other peers and the gateways finish the warm-up's last blocks after its commit statuses are in.
    await new Promise((resolve) => setTimeout(resolve, 10000));
    const idle = await idleCpuPerSecond(RUN_DIR, 10);
    results.idleCpuPerSecond = idle;
    console.log(`\nplain write: bench:PutValue x${TOTAL}, ${CONCURRENCY} in flight`);
    results.plainWrite = await withCpu(RUN_DIR, finance.chainHeight, idle, () => run('bench:PutValue', TOTAL, submitting(finance.plainWrite, 'bench:PutValue', (i) => [`bench-${tag}-${i}`, 'v'])));

    console.log(`single disbursement: disbursement:PostDisbursement x${TOTAL}`);
    results.singleDisbursement = await withCpu(RUN_DIR, finance.chainHeight, idle, () => run('disbursement:PostDisbursement', TOTAL, disbursing(finance.contract, '', 0)));

    console.log(`single disbursement signed by the finance system's own certificate (roles and registry checked): x${TOTAL}`);
    results.singleDisbursementOwnCert = await withCpu(RUN_DIR, finance.chainHeight, idle, () => run('disbursement:PostDisbursement', TOTAL, disbursing(financeSystem.contract, 'S', 300)));

    // WELFARE_BENCH_SINGLE_ONLY=1: the plain write and single-disbursement rows only (a quicker run for that comparison).
    if (process.env.WELFARE_BENCH_SINGLE_ONLY !== '1') {
      const linesPerBatch = 500;
      const batches = Number(process.env.WELFARE_BENCH_BATCHES ?? 10);
      const batchesInFlight = Number(process.env.WELFARE_BENCH_BATCHES_IN_FLIGHT ?? 2);
      console.log(`disbursement batches: ${batches} x ${linesPerBatch} lines (disbursement:PostBatch), ${batchesInFlight} in flight`);
      await run('eligibility:Grant', linesPerBatch - subjects, submitting(civil.contract, 'eligibility:Grant', (i) => [JSON.stringify({
        subjectRef: subjectRef(subjects + i), programmeId, validFrom: '1990-01-01', validTo: null, districtCode: '310104',
        decisionRef: `BENCH-${subjects + i}`, evidence: [], checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'bench' }],
      })]));
      const phases = { sentMs: [], committedMs: [] };
      const batchRun = await run('disbursement:PostBatch', batches, timedSubmitting(phases, finance.contract, 'disbursement:PostBatch', (b) => [JSON.stringify({
        batchId: `BENCH-${tag}-B${b}`, programmeId, period: periodFor(600 + b),
        lines: Array.from({ length: linesPerBatch }, (_, i) => ({
          lineId: `BENCH-${tag}-B${b}-${i}`, subjectRef: subjectRef(i), amountFen: 10000, accountRef: subjectRef(-1 - i), kind: 'REGULAR',
        })),
      })]), batchesInFlight);
      results.batchOf500 = {
        ...batchRun, inFlight: batchesInFlight, linesPerSecond: (batchRun.txs - batchRun.failed) * linesPerBatch / batchRun.seconds,
        endorsedAndSentP50Ms: percentile(phases.sentMs.sort((a, b) => a - b), 50), thenCommittedP50Ms: percentile(phases.committedMs.sort((a, b) => a - b), 50),
      };
      console.log(`  a batch's time, p50: endorsed and accepted by the orderers ${results.batchOf500.endorsedAndSentP50Ms.toFixed(0)} ms, then committed ${results.batchOf500.thenCommittedP50Ms.toFixed(0)} ms later`);

      results.accessEventsHttp = await accessEventsThroughGateway();
      results.accessEventArrays = await accessEventArraysThroughGateway();
      results.stackRssMiB = stackRssMiB(RUN_DIR);
      proofs = await benchProofs({ runDir: RUN_DIR, gatewayUrl: AUDIT_GATEWAY_URL, auditorKey: auditSystemKey() });
      proofs.ruleProofs = await benchRuleProofs(finance.contract, programmeId);
    }
  } finally {
    civil.close();
    finance.close();
    financeSystem.close();
  }
  results.stackRssMiB ??= stackRssMiB(RUN_DIR);
  report(results, proofs);
  if (process.env.WELFARE_KEEP_BENCH_NETWORK !== '1') script('network-down.sh');
}

/**
 * Access events through the gateway's HTTP API: many concurrent clients, each posting one event at
 * a time and timing until the answer (an answer means anchored and committed on the chain), all
 * through the Audit org's gateway (every org's gateway runs, as in a deployment).
 */
async function accessEventsThroughGateway() {
  script('gateway-start.sh');
  const url = `${AUDIT_GATEWAY_URL}/v1/access-events`;
  const headers = { authorization: `Bearer ${auditSystemKey()}`, 'content-type': 'application/json' };
  const total = Number(process.env.WELFARE_BENCH_ACCESS_EVENTS ?? 10000);
  const clients = Number(process.env.WELFARE_BENCH_ACCESS_CLIENTS ?? 1000);
  console.log(`access events through HTTP: ${total} events from ${clients} concurrent clients`);
  const event = (i) => JSON.stringify({
    eventId: `BENCH-${tag}-${i}`, subjectRef: subjectRef(i % 1000), datasetCode: 'JM.T01', fields: ['name', 'disabilityLevel'],
    purpose: 'DISBURSEMENT_VERIFICATION', legalBasis: 'bench', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1,
  });
  const post = (i) => fetch(url, { method: 'POST', headers, body: event(i) }).then(async (res) => {
    if (res.status !== 201) throw new Error(`HTTP ${res.status} ${await res.text()}`);
  });
  await Promise.all(Array.from({ length: 20 }, (_, i) => post(`warmup-${i}`)));
  const measured = await run('POST /v1/access-events', total, async (i) => (await post(i), true), clients);
  return { ...measured, eventsPerSecond: measured.tps };
}

/**
 * Access events posted as arrays of 1,000 (the API's most per request), a few requests at a time,
 * each timed until its answer (every event of it anchored and committed).
 */
async function accessEventArraysThroughGateway() {
  const url = `${AUDIT_GATEWAY_URL}/v1/access-events`;
  const headers = { authorization: `Bearer ${auditSystemKey()}`, 'content-type': 'application/json' };
  const perArray = 1000;
  const arrays = Number(process.env.WELFARE_BENCH_ACCESS_ARRAYS ?? 20);
  const inFlight = 4;
  console.log(`access events through HTTP as arrays: ${arrays} x ${perArray} events, ${inFlight} requests at a time`);
  const body = (a) => JSON.stringify(Array.from({ length: perArray }, (_, i) => ({
    eventId: `BENCH-${tag}-A${a}-${i}`, subjectRef: subjectRef(i), datasetCode: 'JM.T01', fields: ['name', 'disabilityLevel'],
    purpose: 'DISBURSEMENT_VERIFICATION', legalBasis: 'bench', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1,
  })));
  const post = (a) => fetch(url, { method: 'POST', headers, body: body(a) }).then(async (res) => {
    if (res.status !== 201) throw new Error(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return true;
  });
  const measured = await run('POST /v1/access-events (arrays)', arrays, post, inFlight);
  return { ...measured, eventsPerSecond: (measured.txs - measured.failed) * perArray / measured.seconds };
}

/**
 * Rule proofs: 20 fresh single payment lines, each rule proof fetched over HTTP once (decision +
 * every writer's bundle), then verified offline repeatedly (every bundle checked from the trust
 * anchor, the rules re-run) for WELFARE_BENCH_VERIFY_SECONDS. Prints and returns its figures.
 */
async function benchRuleProofs(contract, programmeId) {
  const { trustFromGenesisBlock, verifyRuleProof } = require('../gateway/dist/verify');
  const trust = trustFromGenesisBlock(readFileSync(path.join(RUN_DIR, 'shared', 'welfare.block')));
  const txIds = [];
  for (let i = 0; i < 20; i++) {
    const line = { lineId: `BENCH-${tag}-R${i}`, programmeId, period: periodFor(900 + i), subjectRef: subjectRef(i), amountFen: 10000, accountRef: subjectRef(-1 - i), kind: 'REGULAR' };
    const submitted = await contract.submitAsync('disbursement:PostDisbursement', { arguments: [JSON.stringify(line)] });
    if ((await submitted.getStatus()).successful) txIds.push(submitted.getTransactionId());
  }
  const t0 = process.hrtime.bigint();
  const proofs = await Promise.all(txIds.map((txId) =>
    fetch(`${AUDIT_GATEWAY_URL}/v1/proofs/rules/tx/${txId}`, { headers: { authorization: `Bearer ${auditSystemKey()}` } }).then((res) => res.json())));
  const fetchSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const verifySeconds = Number(process.env.WELFARE_BENCH_VERIFY_SECONDS ?? 5);
  let verified = 0;
  let failed = 0;
  const t1 = process.hrtime.bigint();
  while (proofs.length > 0 && (Number(process.hrtime.bigint() - t1) / 1e9 < verifySeconds || verified < proofs.length)) {
    if (!verifyRuleProof(proofs[verified % proofs.length], { trust }).ok) failed++;
    verified++;
  }
  const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const result = {
    ruleProofsPerSecond: verified / seconds, verified, failed, fetchedPerSecond: proofs.length / fetchSeconds,
    meanKiB: proofs.reduce((sum, p) => sum + JSON.stringify(p).length, 0) / Math.max(1, proofs.length) / 1024,
  };
  console.log(`rule proofs: ${result.ruleProofsPerSecond.toFixed(1)} verified/s offline (${failed} failed), ${result.fetchedPerSecond.toFixed(1)} built/s over HTTP, ${result.meanKiB.toFixed(0)} KiB each`);
  return result;
}

function report(results, proofs) {
  const base = results.plainWrite.tps;
  const rows = Object.entries(results).filter(([, r]) => typeof r === 'object' && typeof r.tps === 'number').map(([name, r]) => ({
    benchmark: name, 'tx/s': r.tps.toFixed(1), 'vs plain write': (r.tps / base).toFixed(2), 'p50 ms': r.p50Ms.toFixed(0), 'p99 ms': r.p99Ms.toFixed(0), failed: r.failed,
    'records/s': (r.linesPerSecond ?? r.eventsPerSecond ?? r.tps).toFixed(0), 'records/s vs plain tx/s': ((r.linesPerSecond ?? r.eventsPerSecond ?? r.tps) / base).toFixed(1),
  }));
  console.log('');
  console.table(rows);
  console.log(
    'CPU seconds per 1,000 transactions by process class, all orgs together, less each class\'s idle CPU over the phase ' +
      `(idle, CPU-s per s: ${Object.entries(results.idleCpuPerSecond).map(([cls, s]) => `${cls} ${s.toFixed(3)}`).join(', ')}); the plain write runs in the welfare-bench chaincode:`,
  );
  console.table(cpuTable(results));
  if (proofs) console.log(
    `proofs: ${proofs.bundlesPerSecond.toFixed(0)} bundles verified/s offline, ${proofs.bundlesFetchedPerSecond.toFixed(1)} bundles built/s over HTTP, ` +
      `whole-chain audit ${proofs.auditTxPerSecond.toFixed(0)} tx/s (${(proofs.auditTxPerSecond / base).toFixed(1)}x plain-write tx/s)`,
  );
  console.log(`resident memory of the whole stack (3 orderers, 3 peers, 3 chaincode processes, 3 gateways): ${results.stackRssMiB} MiB`);
  const goals = goalRows(results, proofs);
  console.log('\neach figure against its goal (issue 11) and the plain write of this run:');
  console.table(printableGoalRows(goals));
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  const file = path.join(REPO, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), total: TOTAL, concurrency: CONCURRENCY, results, proofs, goals }, null, 2) + '\n');
  console.log(`written ${path.relative(REPO, file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

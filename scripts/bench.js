#!/usr/bin/env node
// npm run bench: throughput and latency on a real network of its own (.network-bench, ports
// 27000+), reported against a plain Fabric write measured in the same run. Prints a table and
// writes JSON to bench-results/. Figures are only comparable within one run: the machine is shared.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { connectAs, newPeerClient } = require('../gateway/dist/fabric/connection');

const REPO = path.resolve(__dirname, '..');
const RUN_DIR = process.env.WELFARE_BENCH_RUN_DIR ?? path.join(REPO, '.network-bench');
const env = { ...process.env, WELFARE_RUN_DIR: RUN_DIR, WELFARE_PORT_BASE: process.env.WELFARE_BENCH_PORT_BASE ?? '27000', WELFARE_GATEWAY_PORT: '28080' };
const TOTAL = Number(process.env.WELFARE_BENCH_TXS ?? 1000);
const CONCURRENCY = Number(process.env.WELFARE_BENCH_CONCURRENCY ?? 64);
const DEADLINES = { evaluateMs: 30000, endorseMs: 60000, submitMs: 30000, commitStatusMs: 120000 };
const tag = Date.now().toString(36).toUpperCase();

const script = (name) => execFileSync('bash', [path.join(REPO, 'scripts', name)], { env, stdio: 'inherit' });

function connect(mspId) {
  const org = JSON.parse(readFileSync(path.join(RUN_DIR, 'network.json'), 'utf8')).orgs.find((o) => o.mspId === mspId);
  const client = newPeerClient(org);
  const gateway = connectAs(client, mspId, org.client, DEADLINES);
  return { contract: gateway.getNetwork('welfare').getContract('welfare'), close: () => (gateway.close(), client.close()) };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Submits `total` transactions, `concurrency` in flight, each timed from submit to commit. */
async function load(contract, total, argsFor, fn, inFlight = CONCURRENCY) {
  const latencies = [];
  let next = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    while (next < total) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      try {
        const submitted = await contract.submitAsync(fn, { arguments: argsFor(i) });
        const status = await submitted.getStatus();
        if (!status.successful) failed++;
      } catch (err) {
        failed++;
        if (failed <= 3) console.error(`  ${fn} failed: ${err.message}`);
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { txs: total, failed, seconds, tps: (total - failed) / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

function subjectRef(i) {
  return require('node:crypto').createHash('sha256').update(`bench-${tag}-${i}`).digest('hex');
}

function periodFor(i) {
  const month = i % 12;
  return `${1990 + Math.floor(i / 12)}-${String(month + 1).padStart(2, '0')}`;
}

/** Resident memory (MiB) of every process of the stack: orderers, peers, their chaincode, gateway. */
function stackRssMiB() {
  const pids = readdirSync(path.join(RUN_DIR, 'pids')).map((f) => readFileSync(path.join(RUN_DIR, 'pids', f), 'utf8').trim());
  const children = pids.flatMap((pid) => {
    try { return execFileSync('pgrep', ['-P', pid]).toString().trim().split('\n').filter(Boolean); } catch { return []; }
  });
  let kib = 0;
  for (const pid of [...pids, ...children]) {
    try { kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { /* gone */ }
  }
  return Math.round(kib / 1024);
}

async function main() {
  script('network-up.sh');
  script('deploy-chaincode.sh');
  const civil = connect('CivilAffairsMSP');
  const finance = connect('FinanceMSP');
  const results = {};
  try {
    // Warm-up: the first calls start and JIT-compile the chaincode processes on every peer.
    await load(finance.contract, 100, (i) => [`warmup-${tag}-${i}`, 'v'], 'bench:PutValue');
    console.log(`\nplain write: bench:PutValue x${TOTAL}, ${CONCURRENCY} in flight`);
    results.plainWrite = await load(finance.contract, TOTAL, (i) => [`bench-${tag}-${i}`, 'v'], 'bench:PutValue');

    console.log(`single disbursement: disbursement:PostDisbursement x${TOTAL}`);
    const programmeId = `BENCH_${tag}`;
    await civil.contract.submitTransaction('programme:CreateProgramme', JSON.stringify({ id: programmeId, nameEn: 'bench', nameZh: '基准', monthlyCapFen: 100000 }));
    const subjects = 50;
    await load(civil.contract, subjects, (i) => [JSON.stringify({
      subjectRef: subjectRef(i), programmeId, validFrom: '1990-01-01', validTo: null, districtCode: '310104',
      decisionRef: `BENCH-${i}`, evidence: [], checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'bench' }],
    })], 'eligibility:Grant');
    results.singleDisbursement = await load(finance.contract, TOTAL, (i) => [JSON.stringify({
      lineId: `BENCH-${tag}-${i}`, programmeId, period: periodFor(Math.floor(i / subjects)), subjectRef: subjectRef(i % subjects),
      amountFen: 10000, accountRef: subjectRef(-1 - i), kind: 'REGULAR',
    })], 'disbursement:PostDisbursement');

    const linesPerBatch = 500;
    const batches = Number(process.env.WELFARE_BENCH_BATCHES ?? 10);
    console.log(`disbursement batches: ${batches} x ${linesPerBatch} lines (disbursement:PostBatch), 2 in flight`);
    await load(civil.contract, linesPerBatch - subjects, (i) => [JSON.stringify({
      subjectRef: subjectRef(subjects + i), programmeId, validFrom: '1990-01-01', validTo: null, districtCode: '310104',
      decisionRef: `BENCH-${subjects + i}`, evidence: [], checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'bench' }],
    })], 'eligibility:Grant');
    const batchRun = await load(finance.contract, batches, (b) => [JSON.stringify({
      batchId: `BENCH-${tag}-B${b}`, programmeId, period: periodFor(600 + b),
      lines: Array.from({ length: linesPerBatch }, (_, i) => ({
        lineId: `BENCH-${tag}-B${b}-${i}`, subjectRef: subjectRef(i), amountFen: 10000, accountRef: subjectRef(-1 - i), kind: 'REGULAR',
      })),
    })], 'disbursement:PostBatch', 2);
    results.batchOf500 = { ...batchRun, linesPerSecond: (batchRun.txs - batchRun.failed) * linesPerBatch / batchRun.seconds };
    results.stackRssMiB = stackRssMiB();
  } finally {
    civil.close();
    finance.close();
  }
  report(results);
  if (process.env.WELFARE_KEEP_BENCH_NETWORK !== '1') script('network-down.sh');
}

function report(results) {
  const base = results.plainWrite.tps;
  const rows = Object.entries(results).filter(([, r]) => typeof r === 'object').map(([name, r]) => ({
    benchmark: name, 'tx/s': r.tps.toFixed(1), 'vs plain write': (r.tps / base).toFixed(2), 'p50 ms': r.p50Ms.toFixed(0), 'p99 ms': r.p99Ms.toFixed(0), failed: r.failed,
    'lines/s': r.linesPerSecond ? r.linesPerSecond.toFixed(0) : '', 'lines/s vs plain tx/s': r.linesPerSecond ? (r.linesPerSecond / base).toFixed(1) : '',
  }));
  console.log('');
  console.table(rows);
  console.log(`resident memory of the whole stack (3 orderers, 3 peers, 3 chaincode processes): ${results.stackRssMiB} MiB`);
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  const file = path.join(REPO, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), total: TOTAL, concurrency: CONCURRENCY, results }, null, 2) + '\n');
  console.log(`written ${path.relative(REPO, file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

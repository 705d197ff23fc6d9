#!/usr/bin/env node
// npm run bench:scale: a month-end of WELFARE_SCALE_LINES payment lines (default 1,000,000) posted
// through the Finance gateway's HTTP API on a network of its own (.network-scale, ports
// WELFARE_BENCH_PORT_BASE), with access events at the source document's ratio, measured at every
// 10 % step: lines/s, batch p99, index lag, history p99 of a busy beneficiary, the oldest batch's
// proof bundle (size, verify time), ledger bytes on disk per line and per event, resident memory.
// Prints a table, writes bench-results/scale-*.json. Not part of npm test.
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { MAX_BATCH_LINES, MAX_GRANTS_PER_IMPORT } = require('../gateway/dist/http/schemas');
const { trustFromGenesisBlock } = require('../gateway/dist/verify');
const { PROGRAMMES, monthEnd } = require('./bench-scale/month-end');
const probes = require('./bench-scale/probes');
const { yearOfSourceLoad, SOURCE } = require('./bench-scale/source-load');

const REPO = path.resolve(__dirname, '..');
const RUN_DIR = process.env.WELFARE_SCALE_RUN_DIR ?? path.join(REPO, '.network-scale');
const PORT_BASE = Number(process.env.WELFARE_BENCH_PORT_BASE ?? 27000);
const GATEWAY_PORT = Number(process.env.WELFARE_BENCH_GATEWAY_PORT ?? PORT_BASE + 1080);
const env = { ...process.env, WELFARE_RUN_DIR: RUN_DIR, WELFARE_PORT_BASE: String(PORT_BASE), WELFARE_GATEWAY_PORT: String(GATEWAY_PORT) };

const LINES = Number(process.env.WELFARE_SCALE_LINES ?? 1_000_000);
/**
 * Batches of 500 lines, fewer when that would leave fewer than 4 batches a step. Not the API's
 * limit (MAX_BATCH_LINES, 5,000) by default: on this 2-core machine a 5,000-line batch outlasts the
 * gateway's 30 s endorsement deadline (docs/performance.md, "Scale"); WELFARE_SCALE_BATCH_LINES sets it.
 */
const WORKING_BATCH_LINES = 500;
const BATCH_LINES = Number(process.env.WELFARE_SCALE_BATCH_LINES ?? Math.max(1, Math.min(WORKING_BATCH_LINES, MAX_BATCH_LINES, Math.floor(LINES / 40))));
const BATCHES_IN_FLIGHT = Number(process.env.WELFARE_SCALE_IN_FLIGHT ?? 3);
/**
 * Access events alongside: by default at the source document's rate (5.9 M a day, 68 a second) over
 * the seconds the step's lines took; WELFARE_SCALE_EVENTS_PER_LINE=5.9 instead logs a whole day's
 * events per month-end (source-load.js), which at today's rates adds hours to the run.
 */
const EVENTS_PER_LINE = process.env.WELFARE_SCALE_EVENTS_PER_LINE === undefined ? null : Number(process.env.WELFARE_SCALE_EVENTS_PER_LINE);
const EVENTS_PER_SECOND = Number(process.env.WELFARE_SCALE_EVENTS_PER_SECOND ?? SOURCE.accessEventsPerDay / 86_400);
/** The access events a step logs after posting `lines` lines in `seconds`. */
const eventsAlongside = (lines, seconds) => Math.round(EVENTS_PER_LINE === null ? EVENTS_PER_SECOND * seconds : EVENTS_PER_LINE * lines);
const HISTORY_QUERIES = Number(process.env.WELFARE_SCALE_HISTORY_QUERIES ?? 10);
const IMPORTS_IN_FLIGHT = Number(process.env.WELFARE_SCALE_IMPORTS_IN_FLIGHT ?? 3);
/** The API's most access events per request. */
const EVENTS_PER_REQUEST = 1000;
const EVENT_REQUESTS_IN_FLIGHT = 3;
const STEPS = 10;
/**
 * WELFARE_SCALE_RESUME=<results file> goes on from the last step that file holds, on the network
 * the run left (`network-up.sh` restarts what is not running; nothing is reset), with the run's tag
 * (in the file; WELFARE_SCALE_TAG for a file written before the tag was kept). Batches the stopped
 * run had in flight are sent again under their Idempotency-Key and answered with their first result.
 */
const RESUME_FILE = process.env.WELFARE_SCALE_RESUME;
const resumed = RESUME_FILE ? JSON.parse(readFileSync(RESUME_FILE, 'utf8')) : null;
const tag = resumed?.tag ?? process.env.WELFARE_SCALE_TAG ?? Date.now().toString(36).toUpperCase();
const RESULTS_FILE = RESUME_FILE ? path.resolve(RESUME_FILE) : path.join(REPO, 'bench-results', `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const PARAMETERS = {
  lines: LINES, batchLines: BATCH_LINES, batchesInFlight: BATCHES_IN_FLIGHT, importsInFlight: IMPORTS_IN_FLIGHT, eventsPerLine: EVENTS_PER_LINE, eventsPerSecondOfLines: EVENTS_PER_LINE === null ? EVENTS_PER_SECOND : null,
  historyQueriesPerStep: HISTORY_QUERIES, eventsPerRequest: EVENTS_PER_REQUEST, eventRequestsInFlight: EVENT_REQUESTS_IN_FLIGHT,
};

/** Writes the results so far (after every step, so a run stopped early keeps its steps). */
function save(results) {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify({ when: new Date().toISOString(), parameters: PARAMETERS, source: SOURCE, tag, ...results }, null, 2) + '\n');
}

const script = (name) => execFileSync('bash', [path.join(REPO, 'scripts', name)], { env, stdio: 'inherit' });
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let retries = 0;

/**
 * A write through the API, sent again while the gateway says it may be (503/429 with Retry-After)
 * or the connection broke (a kept-alive socket the server closed): under an Idempotency-Key, so a
 * write that did land is answered with its first receipt rather than written twice.
 */
async function write(gateway, route, body) {
  const headers = { 'idempotency-key': createHash('sha256').update(route).update(JSON.stringify(body)).digest('hex') };
  for (let attempt = 1; ; attempt++) {
    try {
      return await gateway.call('POST', route, body, headers);
    } catch (err) {
      const retryable = [429, 503].includes(err.status) || (err.status === undefined && err.message === 'fetch failed');
      if (!retryable || attempt >= 8) throw err;
      retries++;
      await sleep(1000 * attempt);
    }
  }
}

/** Runs `op(item)` over an iterable, `inFlight` at a time, timing each; stops at the first failure. */
async function pool(items, inFlight, op) {
  const iterator = items[Symbol.iterator]();
  const latenciesMs = [];
  await Promise.all(Array.from({ length: inFlight }, async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const t0 = process.hrtime.bigint();
      await op(next.value);
      latenciesMs.push(probes.msSince(t0));
    }
  }));
  return latenciesMs;
}

function range(from, to) {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Lists of `size` from an iterable, the last one shorter. */
function* chunks(items, size) {
  let chunk = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The programmes, then every grant the month-end needs, as eligibility imports of MAX_GRANTS_PER_IMPORT. */
async function setUp(plan, civil) {
  for (const { amountFen, ...programme } of PROGRAMMES) await write(civil, '/v1/programmes', programme);
  const t0 = process.hrtime.bigint();
  let granted = 0;
  let reported = 0;
  await pool(chunks(plan.grants(), MAX_GRANTS_PER_IMPORT), IMPORTS_IN_FLIGHT, async (grants) => {
    const { json } = await write(civil, '/v1/eligibility/imports', { grants });
    if (json.record?.granted !== grants.length) throw new Error(`an import of ${grants.length} grants answered ${JSON.stringify(json.record)}`);
    granted += grants.length;
    if (granted - reported >= 50_000) {
      reported = granted;
      console.log(`  ${granted} grants (${(granted / seconds(t0)).toFixed(0)}/s)`);
    }
  });
  return { programmes: PROGRAMMES.length, grants: granted, seconds: seconds(t0), grantsPerSecond: granted / seconds(t0) };
}

/** An object with its keys in code-unit order, as the ledger's canonical JSON writes them. */
const sortedKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** Bytes on disk the peers' ledgers (`total`) or their block files (`blocks`) grew by between two `du`s, as the mean over the peers. */
function grownPerPeer(before, after, part = 'total') {
  return mean(Object.keys(after).map((dir) => after[dir][part] - (before[dir]?.[part] ?? 0)));
}

async function main() {
  console.log(`bench:scale: ${LINES} payment lines in batches of ${BATCH_LINES}, ${BATCHES_IN_FLIGHT} in flight; ` +
    `access events ${EVENTS_PER_LINE === null ? `at ${EVENTS_PER_SECOND.toFixed(1)}/s of line posting` : `${EVENTS_PER_LINE} per line`}; run directory ${path.relative(REPO, RUN_DIR)}`);
  if (resumed && (resumed.parameters.lines !== LINES || resumed.parameters.batchLines !== BATCH_LINES)) {
    throw new Error(`${RESUME_FILE} is a run of ${resumed.parameters.lines} lines in batches of ${resumed.parameters.batchLines}: set WELFARE_SCALE_LINES and WELFARE_SCALE_BATCH_LINES to match`);
  }
  // A fresh chain (unless resuming): the byte counts start from a known ledger, and the month-end's lines are new.
  if (!resumed) script('network-down.sh');
  script('network-up.sh');
  script('deploy-chaincode.sh');
  script('gateway-start.sh');
  const civil = probes.gatewayClient(RUN_DIR, 'civilaffairs', 'civil-affairs-system');
  const finance = probes.gatewayClient(RUN_DIR, 'finance', 'finance-system');
  const audit = probes.gatewayClient(RUN_DIR, 'audit', 'audit-system');
  const trust = trustFromGenesisBlock(readFileSync(path.join(RUN_DIR, 'shared', 'welfare.block')));
  const plan = monthEnd({ lines: LINES, batchLines: BATCH_LINES, tag });
  if (plan.batches < STEPS) throw new Error(`${plan.batches} batches cannot make ${STEPS} steps: lower WELFARE_SCALE_BATCH_LINES`);

  let setup = resumed?.setup;
  if (!setup) {
    console.log(`set-up (not measured): ${PROGRAMMES.length} programmes and every eligibility grant, through the Civil Affairs gateway`);
    setup = await setUp(plan, civil);
    console.log(`  ${setup.grants} grants in ${setup.seconds.toFixed(0)} s`);
  }

  const ledgerDirs = probes.peerLedgerDirs(RUN_DIR);
  const steps = resumed?.steps ?? [];
  if (resumed) console.log(`resuming ${RESUME_FILE} (tag ${tag}) after step ${steps.length}`);
  const run = { plan, finance, audit, eventPosters: [civil, finance, audit], gateways: [civil, finance, audit], trust, ledgerDirs, oldestBatchTxId: steps[0]?.oldestBundle.txId ?? null };
  let bytes = probes.ledgerBytes(ledgerDirs);
  for (let step = steps.length + 1; step <= STEPS; step++) {
    const row = await measureStep(run, step, bytes);
    bytes = row.bytesAfter;
    delete row.bytesAfter;
    row.linesSoFar = (steps.at(-1)?.linesSoFar ?? 0) + row.lines;
    row.eventsSoFar = (steps.at(-1)?.eventsSoFar ?? 0) + row.events + HISTORY_QUERIES;
    steps.push(row);
    printStep(row);
    save({ setup, steps });
  }

  const linesSoFar = steps.at(-1).linesSoFar;
  const eventsSoFar = steps.at(-1).eventsSoFar;
  const totals = {
    lines: linesSoFar,
    events: eventsSoFar,
    linesPerSecond: linesSoFar / steps.reduce((sum, s) => sum + s.lineSeconds, 0),
    bytesPerLine: steps.reduce((sum, s) => sum + s.bytesPerLine * s.lines, 0) / linesSoFar,
    bytesPerEvent: steps.reduce((sum, s) => sum + s.bytesPerEvent * (s.events + HISTORY_QUERIES), 0) / eventsSoFar,
    blockBytesPerLine: steps.reduce((sum, s) => sum + s.blockBytesPerLine * s.lines, 0) / linesSoFar,
    blockBytesPerEvent: steps.reduce((sum, s) => sum + s.blockBytesPerEvent * (s.events + HISTORY_QUERIES), 0) / eventsSoFar,
    // What each step grew by, summed: the same as from the first step's start, for a resumed run too.
    ledgerBytesPerPeerGrown: steps.reduce((sum, s) => sum + s.bytesPerLine * s.lines + s.bytesPerEvent * (s.events + HISTORY_QUERIES), 0),
    blockBytesPerPeerGrown: steps.reduce((sum, s) => sum + s.blockBytesPerLine * s.lines + s.blockBytesPerEvent * (s.events + HISTORY_QUERIES), 0),
    writesSentAgain: retries,
  };
  const year = yearOfSourceLoad(totals.bytesPerLine, totals.bytesPerEvent);
  year.blockFilesOnly = yearOfSourceLoad(totals.blockBytesPerLine, totals.blockBytesPerEvent);
  report({ setup, steps, totals, year, ledgerDirs });
  if (process.env.WELFARE_KEEP_SCALE_NETWORK !== '1') script('network-down.sh');
}

/** Step `step` of 10: its batches, then the probes, then its access events; `bytes` is every peer's ledger size before it. */
async function measureStep(run, step, bytes) {
  const batchNumbers = range(Math.floor(((step - 1) * run.plan.batches) / STEPS), Math.floor((step * run.plan.batches) / STEPS));
  const lagSampler = probes.sampleIndexLag(run.gateways);
  const posting = await postLines(run, batchNumbers);
  const maxLagBlocks = await lagSampler.stop();
  const lagNow = await probes.indexLag(run.gateways);
  const afterLines = probes.ledgerBytes(run.ledgerDirs);

  const history = await probes.historyQueries(run.audit, run.plan.busyCitizenId, HISTORY_QUERIES);
  const bundle = await probes.bundleOf(run.audit, run.oldestBatchTxId, run.trust);

  const events = eventsAlongside(posting.lines, posting.lineSeconds);
  const eventSeconds = await postEvents(run, step, events, batchNumbers.at(-1) + 1);
  const afterEvents = probes.ledgerBytes(run.ledgerDirs);
  // The step's history reads were logged as access events too: they count with the step's events.
  const loggedEvents = events + HISTORY_QUERIES;
  return {
    step, percent: step * (100 / STEPS),
    ...posting, batches: batchNumbers.length, linesPerSecond: posting.lines / posting.lineSeconds,
    indexLag: { maxBlocksDuringStep: maxLagBlocks, atStepEnd: lagNow },
    history,
    oldestBundle: bundle,
    events, eventSeconds, eventsPerSecond: events / eventSeconds,
    ledgerBytesPerPeer: mean(Object.values(afterEvents).map((b) => b.total)),
    bytesPerLine: grownPerPeer(bytes, afterLines) / posting.lines,
    bytesPerEvent: grownPerPeer(afterLines, afterEvents) / loggedEvents,
    blockBytesPerLine: grownPerPeer(bytes, afterLines, 'blocks') / posting.lines,
    blockBytesPerEvent: grownPerPeer(afterLines, afterEvents, 'blocks') / loggedEvents,
    stackRssMiB: probes.stackRssMiB(RUN_DIR),
    bytesAfter: afterEvents,
  };
}

/** Posts the batches through the Finance gateway, BATCHES_IN_FLIGHT at a time, each checked against the plan. */
async function postLines(run, batchNumbers) {
  let lines = 0;
  let posted = 0;
  let rejected = 0;
  const t0 = process.hrtime.bigint();
  const latencies = await pool(batchNumbers, BATCHES_IN_FLIGHT, async (b) => {
    const batch = run.plan.batch(b);
    const { json } = await write(run.finance, '/v1/disbursement-batches', batch);
    if (b === 0) run.oldestBatchTxId = json.txId;
    // Exactly the rejections the plan expects, by reason: a wrong plan or a wrong rule shows here.
    const expected = run.plan.expectedRejections(b);
    if (JSON.stringify(json.record?.rejectionsByReason ?? {}) !== JSON.stringify(sortedKeys(expected))) {
      throw new Error(`batch ${b}: rejections ${JSON.stringify(json.record?.rejectionsByReason)}, expected ${JSON.stringify(expected)}`);
    }
    lines += batch.lines.length;
    posted += json.record.postedCount;
    rejected += json.record.rejectedCount;
  });
  return {
    lines, posted, rejected, lineSeconds: seconds(t0),
    batchP50Ms: probes.percentile(latencies, 50), batchP99Ms: probes.percentile(latencies, 99),
  };
}

/** Posts `count` access events as arrays of EVENTS_PER_REQUEST, round robin over the orgs' systems; answers the seconds taken. */
async function postEvents(run, step, count, paidBatches) {
  const t0 = process.hrtime.bigint();
  await pool(range(0, Math.ceil(count / EVENTS_PER_REQUEST)), EVENT_REQUESTS_IN_FLIGHT, async (r) => {
    const poster = run.eventPosters[r % run.eventPosters.length];
    const events = run.plan.accessEvents(step, r * EVENTS_PER_REQUEST, Math.min(count, (r + 1) * EVENTS_PER_REQUEST), paidBatches);
    await write(poster, '/v1/access-events', events.map((e) => ({ ...e, accessorSystemId: poster.systemId })));
  });
  return seconds(t0);
}

const MiB = 1024 * 1024;

function printStep(s) {
  console.log(`step ${s.step}/${STEPS}: ${s.linesSoFar} lines, ${s.linesPerSecond.toFixed(0)} lines/s, batch p99 ${(s.batchP99Ms / 1000).toFixed(1)} s, ` +
    `index lag ≤ ${s.indexLag.maxBlocksDuringStep} blocks, history p99 ${s.history.p99Ms.toFixed(0)} ms, ` +
    `oldest bundle ${(s.oldestBundle.bytes / MiB).toFixed(2)} MiB verified in ${s.oldestBundle.verifyFirstMs.toFixed(0)} ms, ` +
    `${s.bytesPerLine.toFixed(0)} B/line (blocks ${s.blockBytesPerLine.toFixed(0)}), ${s.bytesPerEvent.toFixed(0)} B/event (blocks ${s.blockBytesPerEvent.toFixed(0)}), ${s.eventsPerSecond.toFixed(0)} events/s, ${s.stackRssMiB} MiB`);
}

function report({ setup, steps, totals, year, ledgerDirs }) {
  console.log('');
  console.table(steps.map((s) => ({
    '%': s.percent,
    lines: s.linesSoFar,
    'lines/s': s.linesPerSecond.toFixed(0),
    'batch p99 s': (s.batchP99Ms / 1000).toFixed(1),
    'index lag blocks (max / end)': `${s.indexLag.maxBlocksDuringStep} / ${Math.max(...Object.values(s.indexLag.atStepEnd).map((l) => l.blocksBehind))}`,
    'index lag s (end)': Math.max(...Object.values(s.indexLag.atStepEnd).map((l) => l.secondsBehind)).toFixed(1),
    'history p99 ms': s.history.p99Ms.toFixed(0),
    'oldest bundle KiB': (s.oldestBundle.bytes / 1024).toFixed(0),
    'verify ms': s.oldestBundle.verifyFirstMs.toFixed(0),
    'B/line (blocks)': `${s.bytesPerLine.toFixed(0)} (${s.blockBytesPerLine.toFixed(0)})`,
    'B/event (blocks)': `${s.bytesPerEvent.toFixed(0)} (${s.blockBytesPerEvent.toFixed(0)})`,
    'events/s': s.eventsPerSecond.toFixed(0),
    'RSS MiB': s.stackRssMiB,
  })));
  console.log(`whole run: ${totals.lines} lines at ${totals.linesPerSecond.toFixed(0)} lines/s, ${totals.events} access events; ` +
    `${totals.bytesPerLine.toFixed(0)} bytes per line and ${totals.bytesPerEvent.toFixed(0)} per event on each peer's disk ` +
    `(block files alone: ${totals.blockBytesPerLine.toFixed(0)} and ${totals.blockBytesPerEvent.toFixed(0)})`);
  console.log(`a year of the source document's load (${year.lines.toLocaleString('en')} lines, ${year.events.toLocaleString('en')} access events) ` +
    `costs each peer about ${(year.bytesPerPeer / 1e12).toFixed(2)} TB (lines ${(year.lineBytes / 1e9).toFixed(0)} GB, events ${(year.eventBytes / 1e12).toFixed(2)} TB; block files alone ${(year.blockFilesOnly.bytesPerPeer / 1e12).toFixed(2)} TB)`);
  const hours = SOURCE.monthEndLines / totals.linesPerSecond / 3600;
  console.log(`at this run's rate a month-end of ${SOURCE.monthEndLines.toLocaleString('en')} lines would take ${hours.toFixed(1)} h (lines only)`);
  save({ setup, steps, totals, year, monthEndHoursAtThisRate: hours, peerLedgerDirs: ledgerDirs.map((d) => path.relative(REPO, d)) });
  console.log(`written ${path.relative(REPO, RESULTS_FILE)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

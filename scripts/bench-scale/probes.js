// What `npm run bench:scale` reads at each step, all from outside the stack: the gateways' HTTP API
// (/metrics, /v1/ledger/overview, history, proof bundles), the offline verifier, `du` of the
// peers' ledger directories and /proc for resident memory.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');
const { verifyBundle } = require('../../gateway/dist/verify');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An org's gateway as one of its bootstrap systems: `call(method, route, body)` answers the parsed JSON or throws with the status. */
function gatewayClient(runDir, org, systemId) {
  const dir = path.join(runDir, 'orgs', org, 'gateway');
  const { port } = JSON.parse(readFileSync(path.join(dir, 'gateway.json'), 'utf8'));
  const apiKey = JSON.parse(readFileSync(path.join(dir, 'bootstrap-keys.json'), 'utf8'))[systemId].apiKey;
  const baseUrl = `http://127.0.0.1:${port}`;
  async function call(method, route, body, headers = {}) {
    const res = await fetch(baseUrl + route, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw Object.assign(new Error(`${method} ${route}: HTTP ${res.status} ${text.slice(0, 300)}`), { status: res.status });
    return { json: JSON.parse(text), bytes: Buffer.byteLength(text) };
  }
  return { org, systemId, baseUrl, call };
}

/** The index lag in blocks that the gateway's /metrics reports (welfare_index_lag_blocks). */
async function indexLagBlocks(gateway) {
  const text = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
  const match = /^welfare_index_lag_blocks (\S+)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Samples every gateway's index lag every `everyMs` until stopped; `stop()` answers the most blocks
 * any gateway was behind while it ran.
 */
function sampleIndexLag(gateways, everyMs = 1000) {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const lags = await Promise.all(gateways.map((g) => indexLagBlocks(g).catch(() => null)));
      for (const lag of lags) if (lag !== null && lag > max) max = lag;
      await sleep(everyMs);
    }
  })();
  return { stop: async () => ((running = false), await loop, max) };
}

/**
 * How far each gateway's index is behind its peer now: blocks behind (from /v1/ledger/overview) and
 * the seconds until its index holds the block its peer had at this moment.
 */
async function indexLag(gateways) {
  const t0 = process.hrtime.bigint();
  const result = {};
  await Promise.all(gateways.map(async (g) => {
    const { json } = await g.call('GET', '/v1/ledger/overview');
    const own = json.peers.find((p) => p.org === json.org);
    const target = own.height - 1;
    let lastBlock = json.index.lastBlock;
    const blocksBehind = target - lastBlock;
    while (lastBlock < target) {
      await sleep(100);
      lastBlock = (await g.call('GET', '/v1/ledger/overview')).json.index.lastBlock;
    }
    result[g.org] = { blocksBehind, secondsBehind: blocksBehind > 0 ? msSince(t0) / 1000 : 0, height: own.height };
  }));
  return result;
}

/** `count` history reads of one citizen (each logged as an access event before it is answered), `inFlight` at a time. */
async function historyQueries(gateway, citizenId, count, inFlight = 2) {
  const latencies = [];
  let items = null;
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) {
      next++;
      const t0 = process.hrtime.bigint();
      const { json } = await gateway.call('POST', '/v1/beneficiaries/history?purpose=CASE_HANDLING&limit=100', { citizenId });
      latencies.push(msSince(t0));
      items = json.items.length;
    }
  }));
  return { queries: count, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), itemsOnFirstPage: items };
}

/** A transaction's proof bundle over HTTP, then verified offline from the trust anchor (three times; the first and the fastest). */
async function bundleOf(gateway, txId, trust) {
  const t0 = process.hrtime.bigint();
  const { json: bundle, bytes } = await gateway.call('GET', `/v1/proofs/tx/${txId}`);
  const fetchMs = msSince(t0);
  const times = [];
  let ok = true;
  for (let i = 0; i < 3; i++) {
    const t1 = process.hrtime.bigint();
    ok = verifyBundle(bundle, { trust }).ok && ok;
    times.push(msSince(t1));
  }
  return { txId, bytes, fetchMs, verifyFirstMs: times[0], verifyMinMs: Math.min(...times), verified: ok };
}

/** Every peer's ledger directory (ledgersData) under the run directory, found wherever the layout keeps it. */
function peerLedgerDirs(runDir) {
  const found = [];
  const walk = (dir, depth) => {
    if (depth > 6) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      if (entry.name === 'ledgersData') {
        if (existsSync(path.join(full, 'stateLeveldb')) || existsSync(path.join(full, 'historyLeveldb'))) found.push(full);
      } else if (entry.name !== 'orderers' && entry.name !== 'node_modules') walk(full, depth + 1);
    }
  };
  walk(runDir, 0);
  return found.sort();
}

const duBytes = (dir) => (existsSync(dir) ? Number(execFileSync('du', ['-sB1', dir]).toString().split('\t')[0]) : 0);

/**
 * Bytes allocated on disk (du -sB1) under each peer's ledger directory: in all, and in its block
 * files alone (`chains`: append-only, so their growth is exact, while LevelDB's state and history
 * databases shrink and grow as they compact).
 */
function ledgerBytes(dirs) {
  return Object.fromEntries(dirs.map((dir) => [dir, { total: duBytes(dir), blocks: duBytes(path.join(dir, 'chains')) }]));
}

/** Resident memory (MiB) of every process of the stack: orderers, peers, their chaincode, CAs, gateways. */
function stackRssMiB(runDir) {
  const pidsDir = path.join(runDir, 'pids');
  const pids = readdirSync(pidsDir).map((f) => readFileSync(path.join(pidsDir, f), 'utf8').trim()).filter(Boolean);
  const children = pids.flatMap((pid) => {
    try { return execFileSync('pgrep', ['-P', pid]).toString().trim().split('\n').filter(Boolean); } catch { return []; }
  });
  let kib = 0;
  for (const pid of new Set([...pids, ...children])) {
    try { kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { /* gone */ }
  }
  return Math.round(kib / 1024);
}

module.exports = { gatewayClient, sampleIndexLag, indexLag, historyQueries, bundleOf, peerLedgerDirs, ledgerBytes, stackRssMiB, percentile, msSince };

#!/usr/bin/env node
// Proof benchmarks on a running network and gateway (called by scripts/bench.js, or alone):
// - bundles verified per second: offline verification of real bundles of recent transactions
//   (fetched once over HTTP, then verified repeatedly in this process) from the trust anchor made
//   of the channel's genesis block: config chain, orderer signatures, crosslinking checks and all;
// - bundles fetched per second over HTTP (assembly on the gateway: block, headers, config, three
//   peers' signed answers);
// - whole-chain audit transactions per second: every block from each org's peer, re-verified
//   (orderer signatures and config chain included) and compared.
//
//   WELFARE_RUN_DIR=.network node scripts/bench-proofs.js [audit gatewayUrl]
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { DEFAULT_DEADLINES, loadNetworkDescription } = require('../gateway/dist/config');
const { peerBlockSources } = require('../gateway/dist/proofs/peer-block-sources');
const { auditChain } = require('../gateway/dist/verify/audit/chain-audit');
const { trustFromGenesisBlock, verifyBundle } = require('../gateway/dist/verify');
const { decodeTransaction } = require('../gateway/dist/verify/fabric/transaction');
const { verifyMany } = require('../gateway/dist/verify/many/verify-many');
const { cpuSnapshot, cpuPerThousand } = require('./bench-cpu');

const SAMPLE = Number(process.env.WELFARE_BENCH_PROOF_SAMPLE ?? 50);
const FETCH_CONCURRENCY = 8;
const VERIFY_SECONDS = Number(process.env.WELFARE_BENCH_VERIFY_SECONDS ?? 5);

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

/** txIds of VALID welfare transactions in the last blocks, newest first, at most `count`. */
async function recentTransactions(source, height, count) {
  const txIds = [];
  for (let from = height - 1; from >= 0 && txIds.length < count; from -= 20) {
    const start = Math.max(0, from - 19);
    const found = [];
    for await (const block of source.blocks(start, from)) {
      const codes = block.getMetadata().getMetadataList_asU8()[2];
      block.getData().getDataList_asU8().forEach((entry, i) => {
        if (codes[i] !== 0) return;
        const tx = decodeTransaction(entry);
        if (tx.actions.some((a) => a.chaincodeName === 'welfare')) found.push(tx.txId);
      });
    }
    txIds.push(...found.reverse());
  }
  return [...new Set(txIds)].slice(0, count);
}

async function benchProofs({ runDir, gatewayUrl, auditorKey }) {
  const network = loadNetworkDescription({ ...process.env, WELFARE_RUN_DIR: runDir });
  const identity = network.orgs.find((o) => o.mspId === 'AuditMSP') ?? network.orgs[0];
  const sources = peerBlockSources(network, identity, DEFAULT_DEADLINES);
  const trust = trustFromGenesisBlock(readFileSync(path.join(runDir, 'shared', `${network.channel}.block`)));
  try {
    console.log('proofs: whole-chain audit from every org\'s peer');
    const audit = await auditChain(sources, { trust });
    if (!audit.ok) console.error(`  the audit found ${audit.findings.length} findings, e.g. ${JSON.stringify(audit.findings[0])}`);

    const txIds = await recentTransactions(sources[0], await sources[0].height(), SAMPLE);
    console.log(`proofs: ${txIds.length} bundles over HTTP, ${FETCH_CONCURRENCY} at a time`);
    // The clock covers the gateway building and sending each bundle and this client receiving it;
    // parsing the JSON is the verifier's work and is done after (a bundle can be 12 MB).
    const texts = [];
    let next = 0;
    let failedFetches = 0;
    const cpuBefore = cpuSnapshot(runDir);
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, async () => {
      while (next < txIds.length) {
        const txId = txIds[next++];
        const res = await fetch(`${gatewayUrl}/v1/proofs/tx/${txId}`, { headers: { authorization: `Bearer ${auditorKey}` } });
        if (res.status === 200) texts.push(await res.text());
        else failedFetches++;
      }
    }));
    const fetchSeconds = seconds(t0);
    const fetchCpu = cpuPerThousand(cpuBefore, cpuSnapshot(runDir), Math.max(1, texts.length));
    const bundles = texts.map((text) => JSON.parse(text));
    console.log(`proofs: ${texts.length} bundles built over HTTP in ${fetchSeconds.toFixed(2)} s; CPU ms per bundle: ` +
      Object.entries(fetchCpu).filter(([cls]) => cls !== 'total').map(([cls, ms]) => `${cls} ${ms.toFixed(1)}`).join(', '));

    console.log(`proofs: verifying the bundles offline for ${VERIFY_SECONDS} s`);
    let verified = 0;
    let failedVerifications = 0;
    const t1 = process.hrtime.bigint();
    const cpu1 = process.cpuUsage();
    while (bundles.length > 0 && (seconds(t1) < VERIFY_SECONDS || verified < bundles.length)) {
      if (!verifyBundle(bundles[verified % bundles.length], { trust }).ok) failedVerifications++;
      verified++;
    }
    const verifySeconds = seconds(t1);
    const verifyCpu = process.cpuUsage(cpu1);
    const many = await verifyManyRate(bundles, trust);
    const bytes = bundles.map((b) => JSON.stringify(b).length);
    return {
      bundlesPerSecond: verified / verifySeconds,
      bundlesVerified: verified,
      // CPU per bundle is the figure to compare on a shared machine (wall-clock rates follow the load).
      cpuMsPerBundle: (verifyCpu.user + verifyCpu.system) / 1000 / Math.max(1, verified),
      failedVerifications,
      verifyMany: many,
      bundlesFetchedPerSecond: bundles.length / fetchSeconds,
      bundlesFetched: bundles.length,
      // CPU milliseconds per bundle built, by process class (no idle subtracted: a few seconds of heartbeats).
      fetchCpuMsPerBundle: Object.fromEntries(Object.entries(fetchCpu).map(([cls, msPerBundle]) => [cls, Number(msPerBundle.toFixed(1))])),
      failedFetches,
      meanBundleKiB: bytes.length ? bytes.reduce((a, b) => a + b, 0) / bytes.length / 1024 : 0,
      auditTxPerSecond: audit.transactions / audit.seconds,
      auditValidTxPerSecond: audit.validTransactions / audit.seconds,
      auditBlocksPerSecond: audit.blocks / audit.seconds,
      auditBlocks: audit.blocks,
      auditTransactions: audit.transactions,
      auditSeconds: audit.seconds,
      auditFindings: audit.findings.length,
    };
  } finally {
    for (const source of sources) source.close();
  }
}

/**
 * `verify many` on worker threads (one per core) over the fetched bundles, repeated to about
 * VERIFY_SECONDS of work. Repeats meet only the caches real streams meet too (config blocks, the
 * orderers' signatures on a block): a transaction's own signatures are checked every time.
 */
async function verifyManyRate(bundles, trust) {
  if (bundles.length === 0) return null;
  const texts = bundles.map((b, i) => ({ source: `bundle-${i}`, text: JSON.stringify(b) }));
  const total = Number(process.env.WELFARE_BENCH_VERIFY_MANY ?? 4000);
  async function* stream() {
    for (let i = 0; i < total; i++) yield texts[i % texts.length];
  }
  console.log(`proofs: verify many, ${total} bundles on worker threads`);
  const summary = await verifyMany(stream(), { trust });
  return { ...summary, bundlesPerSecond: summary.bundles / summary.seconds };
}

module.exports = { benchProofs };

if (require.main === module) {
  const runDir = path.resolve(process.env.WELFARE_RUN_DIR ?? path.join(__dirname, '..', '.network'));
  const auditGateway = path.join(runDir, 'orgs', 'audit', 'gateway');
  const keys = JSON.parse(readFileSync(path.join(auditGateway, 'bootstrap-keys.json'), 'utf8'));
  const { port } = JSON.parse(readFileSync(path.join(auditGateway, 'gateway.json'), 'utf8'));
  const gatewayUrl = process.argv[2] ?? `http://127.0.0.1:${port}`;
  benchProofs({ runDir, gatewayUrl, auditorKey: keys['audit-system'].apiKey })
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

/**
 * Starts one org's gateway (`--config <runDir>/orgs/<org>/gateway/gateway.json`): config, secrets,
 * ledger connections, HTTP server; closes cleanly on a signal.
 */
import pino from 'pino';
import * as path from 'node:path';
import { createApp } from './app';
import { DataAccessCodes } from './console/access-codes';
import { bootstrapKeys } from './auth/bootstrap';
import { KeyStore } from './auth/key-store';
import { ensureStateDir, loadPseudonymKey } from './auth/secrets';
import { loadConfig } from './config';
import { Ledger } from './fabric/ledger';
import { RaftLeader } from './fabric/raft-leader';
import { Readiness } from './fabric/readiness';
import { SystemIdentities } from './fabric/system-identities';
import { ChainReader } from './index/chain-reader';
import { IndexFollower } from './index/follower';
import { indexFile, openIndex } from './index/schema';
import { trackIndexLag } from './metrics';
import { Pseudonymizer } from './privacy/pseudonym';
import { ProofService } from './proofs/proof-service';
import { AccessLog } from './services/access-log';
import { ActiveSystems } from './services/active-systems';
import { registerBootstrapSystems } from './services/bootstrap';
import { createServer } from './http/server';
import { Shutdown } from './http/shutdown';
import { IdempotentAnswers, loadIdempotencySecret } from './store/idempotent-answers';
import { openStateDb } from './store/state-db';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const log = pino({ level: config.logLevel, base: { service: 'welfare-gateway' } });
  ensureStateDir(config.stateDir);
  const state = openStateDb(path.join(config.stateDir, 'gateway.db'));
  const keys = new KeyStore(state);
  const bootstrap = bootstrapKeys(config.stateDir, config.identity.mspId, keys);
  const identities = config.ca ? new SystemIdentities(config.stateDir, config.ca) : undefined;
  const ledger = new Ledger(config, identities);
  await registerBootstrapSystems(ledger, bootstrap, log, identities);

  const index = openIndex(indexFile(config.stateDir));
  const chain = new ChainReader(config);
  const proofs = new ProofService(config);
  // Every block the index reads is also kept for proofs (recent blocks, headers): bundles of recent transactions ask no peer for them.
  const follower = new IndexFollower(index, chain, { log, onBlock: (block, read) => proofs.observe(block, read) }).start();
  trackIndexLag(async () => (await chain.chainHeight()) - 1 - follower.lastBlock);

  const raftLeader = new RaftLeader(config.orderers, config.network.channel);
  const deps = {
    ledger,
    identities,
    keys,
    state,
    log,
    pseudonyms: new Pseudonymizer(loadPseudonymKey(config.stateDir, config.pseudonymKeyHex)),
    accessLog: new AccessLog(ledger, config.accessBatch),
    systems: new ActiveSystems(ledger),
    index,
    follower,
    proofs,
    idempotentAnswers: new IdempotentAnswers(state, loadIdempotencySecret(config.stateDir)),
    bodyLimitBytes: config.bodyLimitBytes,
    http: config.http,
    readiness: new Readiness(
      { endorseProbe: () => ledger.endorseProbe(), heights: () => ledger.heights(), raftLeader: () => raftLeader.check() },
      config.readiness,
    ),
    shutdown: new Shutdown(),
    accessCodes: new DataAccessCodes(state),
  };
  const server = createServer(createApp(deps).callback(), config.http).listen(config.port, config.host, () => {
    const scheme = config.http.tls ? 'https' : 'http';
    log.info({ url: `${scheme}://${config.host}:${config.port}`, org: config.identity.mspId, config: config.file }, 'gateway listening');
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Requests in flight finish (a write gets its receipt) before the ledger connections close.
    const unfinished = await deps.shutdown.stop(server, config.shutdownGraceMs);
    if (unfinished > 0) log.warn({ unfinished }, 'stopped with requests still running after the grace period');
    await deps.accessLog.drain();
    await follower.close();
    chain.close();
    index.close();
    ledger.close();
    state.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(`gateway failed to start: ${(err as Error).message}`);
  process.exit(1);
});

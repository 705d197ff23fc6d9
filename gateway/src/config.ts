/**
 * The gateway's configuration, read once at start from the environment and the network
 * description that `network:up` writes into the run directory. Nothing else reads process.env.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type HttpSettings, loadHttpSettings, loadWriteRetry, type WriteRetrySettings } from './config-http';
import { integerSetting } from './config-values';

export interface IdentityFiles {
  cert: string;
  key: string;
}

export interface OrgConnection {
  key: string;
  mspId: string;
  peerEndpoint: string;
  peerHostAlias: string;
  tlsRootCert: string;
  client: IdentityFiles;
  admin: IdentityFiles;
}

export interface NetworkDescription {
  channel: string;
  chaincode: string;
  runDir: string;
  orgs: OrgConnection[];
}

export interface GatewayConfig {
  host: string;
  port: number;
  runDir: string;
  /** Where the gateway keeps its own state (key store, pseudonym key). */
  stateDir: string;
  network: NetworkDescription;
  /** The org identities this gateway holds and may submit with (MSP ids). */
  heldOrgs: string[];
  pseudonymKeyHex?: string;
  bodyLimitBytes: number;
  /** Access events wait at most windowMs, or until maxEvents are waiting, before they are anchored. */
  accessBatch: { windowMs: number; maxEvents: number };
  deadlines: { evaluateMs: number; endorseMs: number; submitMs: number; commitStatusMs: number };
  logLevel: string;
  /** TLS, timeouts and limits of the HTTP door (config-http.ts). */
  http: HttpSettings;
  /** Re-endorsing and resubmitting a write that lost an MVCC race. */
  writeRetry: WriteRetrySettings;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const runDir = path.resolve(env.WELFARE_RUN_DIR ?? path.join(repoRoot, '.network'));
  const network = JSON.parse(readFileSync(path.join(runDir, 'network.json'), 'utf8')) as NetworkDescription;
  const allOrgs = network.orgs.map((org) => org.mspId);
  const heldOrgs = env.WELFARE_GATEWAY_ORGS ? env.WELFARE_GATEWAY_ORGS.split(',').map((s) => s.trim()) : allOrgs;
  const unknown = heldOrgs.filter((msp) => !allOrgs.includes(msp));
  if (unknown.length > 0) throw new Error(`WELFARE_GATEWAY_ORGS names orgs not in the network: ${unknown.join(', ')}`);
  const host = env.WELFARE_GATEWAY_HOST ?? '127.0.0.1';
  return {
    host,
    port: integerSetting(env, 'WELFARE_GATEWAY_PORT', 8080, { min: 1, max: 65535 }),
    runDir,
    stateDir: path.join(runDir, 'gateway'),
    network,
    heldOrgs,
    pseudonymKeyHex: env.WELFARE_PSEUDONYM_KEY,
    bodyLimitBytes: integerSetting(env, 'WELFARE_BODY_LIMIT_BYTES', 5 * 1024 * 1024, { min: 1024, max: 1024 ** 3 }),
    accessBatch: {
      windowMs: integerSetting(env, 'WELFARE_ACCESS_BATCH_WINDOW_MS', 500, { min: 1, max: 60_000 }),
      maxEvents: integerSetting(env, 'WELFARE_ACCESS_BATCH_MAX_EVENTS', 1000, { min: 1, max: 100_000 }),
    },
    deadlines: { evaluateMs: 10_000, endorseMs: 30_000, submitMs: 10_000, commitStatusMs: 60_000 },
    logLevel: env.WELFARE_LOG_LEVEL ?? 'info',
    http: loadHttpSettings(env, host),
    writeRetry: loadWriteRetry(env),
  };
}

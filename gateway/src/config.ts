/**
 * The gateway's configuration, read once at start from the environment and the network
 * description that `network:up` writes into the run directory. Nothing else reads process.env.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const runDir = path.resolve(env.WELFARE_RUN_DIR ?? path.join(repoRoot, '.network'));
  const network = JSON.parse(readFileSync(path.join(runDir, 'network.json'), 'utf8')) as NetworkDescription;
  const allOrgs = network.orgs.map((org) => org.mspId);
  const heldOrgs = env.WELFARE_GATEWAY_ORGS ? env.WELFARE_GATEWAY_ORGS.split(',').map((s) => s.trim()) : allOrgs;
  const unknown = heldOrgs.filter((msp) => !allOrgs.includes(msp));
  if (unknown.length > 0) throw new Error(`WELFARE_GATEWAY_ORGS names orgs not in the network: ${unknown.join(', ')}`);
  return {
    host: env.WELFARE_GATEWAY_HOST ?? '127.0.0.1',
    port: Number(env.WELFARE_GATEWAY_PORT ?? 8080),
    runDir,
    stateDir: path.join(runDir, 'gateway'),
    network,
    heldOrgs,
    pseudonymKeyHex: env.WELFARE_PSEUDONYM_KEY,
    bodyLimitBytes: Number(env.WELFARE_BODY_LIMIT_BYTES ?? 5 * 1024 * 1024),
    accessBatch: {
      windowMs: Number(env.WELFARE_ACCESS_BATCH_WINDOW_MS ?? 500),
      maxEvents: Number(env.WELFARE_ACCESS_BATCH_MAX_EVENTS ?? 1000),
    },
    deadlines: { evaluateMs: 10_000, endorseMs: 30_000, submitMs: 10_000, commitStatusMs: 60_000 },
    logLevel: env.WELFARE_LOG_LEVEL ?? 'info',
  };
}

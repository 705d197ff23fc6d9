/**
 * Configuration, read once at start. Nothing else reads process.env.
 *
 * Two descriptions, for two kinds of reader:
 * - an org's gateway reads only its own gateway.json (`WELFARE_GATEWAY_CONFIG`, written by
 *   `gateway-start.sh` into `<runDir>/orgs/<org>/gateway/`): the channel's peers (endpoints and TLS
 *   roots, public) and that org's client identity; never an admin identity, never another org's key;
 * - the scripts, the CLI's audit and the tests read `<runDir>/network.json` (the operator's view,
 *   written by `network:up`), which also names the cryptogen identities of every org.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type HttpSettings, loadHttpSettings, loadWriteRetry, type WriteRetrySettings } from './config-http';
import { integerSetting } from './config-values';
import type { OrdererOperations } from './fabric/raft-leader';

export interface IdentityFiles {
  cert: string;
  key: string;
}

/** One org's peer: where it listens and the TLS root that proves it is that peer. Public. */
export interface PeerConnection {
  key: string;
  mspId: string;
  peerEndpoint: string;
  peerHostAlias: string;
  tlsRootCert: string;
}

/** The identity a process connects and signs with: an org's client certificate and key. */
export interface OrgIdentity {
  mspId: string;
  client: IdentityFiles;
}

/** An org as the operator's network.json describes it, with its cryptogen identities. */
export interface OrgConnection extends PeerConnection {
  client: IdentityFiles;
  admin: IdentityFiles;
}

/** The org's Fabric CA and the registrar identity (the CA's bootstrap user, not a Fabric admin) that enrolls systems. */
export interface CaConnection {
  name: string;
  url: string;
  tlsRootCert: string;
  /** The fabric-ca-client command. */
  clientBin: string;
  registrar: { id: string; secretFile: string };
}

/** The channel, the chaincode and every org's peer. */
export interface ChannelPeers {
  channel: string;
  chaincode: string;
  orgs: PeerConnection[];
}

export interface NetworkDescription extends ChannelPeers {
  runDir: string;
  orgs: OrgConnection[];
}

export type Deadlines = { evaluateMs: number; endorseMs: number; submitMs: number; commitStatusMs: number };

export const DEFAULT_DEADLINES: Deadlines = { evaluateMs: 10_000, endorseMs: 30_000, submitMs: 10_000, commitStatusMs: 60_000 };

/** What `<runDir>/orgs/<org>/gateway/gateway.json` holds. Relative paths are relative to that file. */
export interface GatewayFile {
  mspId: string;
  port: number;
  channel: string;
  chaincode: string;
  peers: PeerConnection[];
  /** The org's other peers, in order: where it submits when the one in `peers` cannot be reached. */
  standbyPeers?: PeerConnection[];
  /** The orderers' operations endpoints: readiness asks them for the channel's Raft leader. */
  orderers?: OrdererOperations[];
  client: IdentityFiles;
  ca?: CaConnection;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** The file this configuration was read from. */
  file: string;
  /** The one org this gateway serves and the client identity it connects with. */
  identity: OrgIdentity;
  /** Where the gateway keeps its own state (key store, index, pseudonym key): the file's directory. */
  stateDir: string;
  network: ChannelPeers;
  /** The org's own other peers (fabric/own-peers.ts): never another org's. */
  standbyPeers: PeerConnection[];
  /** The orderers' operations endpoints (fabric/raft-leader.ts); empty: the Raft leader is not checked. */
  orderers: OrdererOperations[];
  /** Where systems' own identities are enrolled; without it every system writes as the org's client identity. */
  ca?: CaConnection;
  pseudonymKeyHex?: string;
  bodyLimitBytes: number;
  /** Access events go at once when none of the org are in flight; else they wait for that batch, at most windowMs, or until maxEvents are waiting. */
  accessBatch: { windowMs: number; maxEvents: number };
  deadlines: Deadlines;
  logLevel: string;
  /** TLS, timeouts and limits of the HTTP door (config-http.ts). */
  http: HttpSettings;
  /** Re-endorsing and resubmitting a write that lost an MVCC race. */
  writeRetry: WriteRetrySettings;
  /** How long a readiness answer is kept, and how far the own peer may lag (fabric/readiness.ts). */
  readiness: { cacheMs: number; maxLagBlocks: number };
  /** How long a stopping gateway lets requests in flight finish (http/shutdown.ts). */
  shutdownGraceMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): GatewayConfig {
  const file = configFileOf(env, argv);
  const dir = path.dirname(file);
  const given = JSON.parse(readFileSync(file, 'utf8')) as GatewayFile;
  const inDir = (p: string) => path.resolve(dir, p);
  const host = env.WELFARE_GATEWAY_HOST ?? '127.0.0.1';
  const foreign = (given.standbyPeers ?? []).find((peer) => peer.mspId !== given.mspId);
  if (foreign) throw new Error(`standby peer ${foreign.peerHostAlias} is ${foreign.mspId}'s: a gateway submits only through its own org's peers`);
  return {
    host,
    port: given.port,
    file,
    identity: { mspId: given.mspId, client: { cert: inDir(given.client.cert), key: inDir(given.client.key) } },
    stateDir: dir,
    network: {
      channel: given.channel,
      chaincode: given.chaincode,
      orgs: given.peers.map((peer) => ({ ...peer, tlsRootCert: inDir(peer.tlsRootCert) })),
    },
    standbyPeers: (given.standbyPeers ?? []).map((peer) => ({ ...peer, tlsRootCert: inDir(peer.tlsRootCert) })),
    orderers: given.orderers ?? [],
    ca: given.ca && {
      ...given.ca,
      tlsRootCert: inDir(given.ca.tlsRootCert),
      registrar: { id: given.ca.registrar.id, secretFile: inDir(given.ca.registrar.secretFile) },
    },
    pseudonymKeyHex: env.WELFARE_PSEUDONYM_KEY,
    bodyLimitBytes: integerSetting(env, 'WELFARE_BODY_LIMIT_BYTES', 5 * 1024 * 1024, { min: 1024, max: 1024 ** 3 }),
    accessBatch: {
      windowMs: integerSetting(env, 'WELFARE_ACCESS_BATCH_WINDOW_MS', 500, { min: 1, max: 60_000 }),
      maxEvents: integerSetting(env, 'WELFARE_ACCESS_BATCH_MAX_EVENTS', 1000, { min: 1, max: 100_000 }),
    },
    deadlines: DEFAULT_DEADLINES,
    logLevel: env.WELFARE_LOG_LEVEL ?? 'info',
    http: loadHttpSettings(env, host),
    writeRetry: loadWriteRetry(env),
    readiness: {
      cacheMs: integerSetting(env, 'WELFARE_READY_CACHE_MS', 2000, { min: 0, max: 60_000 }),
      maxLagBlocks: integerSetting(env, 'WELFARE_READY_MAX_LAG_BLOCKS', 5, { min: 0, max: 1_000_000 }),
    },
    shutdownGraceMs: integerSetting(env, 'WELFARE_SHUTDOWN_GRACE_MS', 8000, { min: 0, max: 10 * 60_000 }),
  };
}

/** `--config <file>` on the command line, else WELFARE_GATEWAY_CONFIG. */
function configFileOf(env: NodeJS.ProcessEnv, argv: string[]): string {
  const flag = argv.indexOf('--config');
  const file = flag >= 0 ? argv[flag + 1] : env.WELFARE_GATEWAY_CONFIG;
  if (!file) throw new Error('no gateway configuration: pass --config <runDir>/orgs/<org>/gateway/gateway.json or set WELFARE_GATEWAY_CONFIG');
  return path.resolve(file);
}

/** The operator's network.json (scripts, the CLI's audit, tests); never read by a gateway. */
export function loadNetworkDescription(env: NodeJS.ProcessEnv = process.env): NetworkDescription {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const runDir = path.resolve(env.WELFARE_RUN_DIR ?? path.join(repoRoot, '.network'));
  return JSON.parse(readFileSync(path.join(runDir, 'network.json'), 'utf8')) as NetworkDescription;
}

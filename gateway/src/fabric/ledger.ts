/**
 * The gateway's view of the chain: submit a transaction and get a receipt once committed, evaluate
 * a query, read a peer's chain info. A system with its own enrolled identity signs as itself; the
 * gateway's own work (bootstrap, access-event anchors) and systems without one go out under the
 * org's client identity. It holds identities of its own org only.
 */
import type * as grpc from '@grpc/grpc-js';
import type { Contract, Gateway, Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { GatewayConfig, PeerConnection } from '../config';
import { fabricSubmitSeconds } from '../metrics';
import { forbidden } from '../errors';
import { connectAs, newPeerClient } from './connection';
import { OwnPeers } from './own-peers';
import type { SystemIdentities } from './system-identities';
import { isPeerDisagreement, isLostRace, isUnreachable, LostRace, notCommitted, toApiError, validationCodeName } from './ledger-errors';
import { blockNumberOf, earlierWriterOf } from './replay';
import { retryLostRaces } from './write-retry';

export interface Receipt<T> {
  /** The transaction that wrote the record: on a replay, the earlier one, not this request's. */
  txId: string;
  blockNumber: number;
  status: string;
  /** True when the ledger already held this write and this request changed nothing. */
  replay: boolean;
  record: T;
}

export interface ChainInfo {
  height: number;
  currentBlockHash: string;
  previousBlockHash: string;
}

/** On whose behalf a transaction goes out: an org (this gateway's own) and, if known, the system. */
export interface Actor {
  mspId: string;
  systemId?: string;
}

const decoder = new TextDecoder();

export class Ledger {
  /** The highest block holding a transaction this gateway committed: index reads wait for it. */
  lastCommittedBlock = 0;
  readonly mspId: string;
  private readonly clients = new Map<string, grpc.Client>();
  private readonly gateways: Gateway[] = [];
  private contract!: Contract;
  private readonly peerGateways = new Map<string, Gateway>();
  private readonly systemContracts = new Map<string, Contract>();
  /** The org's own peers: the configured one first, then its standbys (own-peers.ts). */
  private readonly ownPeers: OwnPeers;
  private ownClient!: grpc.Client;
  private readonly ownClients = new Map<number, grpc.Client>();

  constructor(
    private readonly config: GatewayConfig,
    private readonly identities?: SystemIdentities,
  ) {
    const { network, identity, deadlines } = config;
    this.mspId = identity.mspId;
    const first = network.orgs.find((org) => org.mspId === identity.mspId);
    if (!first) throw new Error(`no peer of ${identity.mspId} in the gateway configuration`);
    // Queries addressed to another org's peer (health, cross-org reads) go out under the same identity.
    for (const org of network.orgs) {
      if (org.mspId === identity.mspId) continue;
      this.clients.set(org.mspId, newPeerClient(org));
      const peerGateway = connectAs(this.clients.get(org.mspId)!, identity.mspId, identity.client, deadlines);
      this.gateways.push(peerGateway);
      this.peerGateways.set(org.mspId, peerGateway);
    }
    const own = [first, ...config.standbyPeers];
    this.ownPeers = new OwnPeers(own.map((p) => p.peerHostAlias), (i) => {
      if (!this.ownClients.has(i)) this.ownClients.set(i, newPeerClient(own[i]));
      this.useOwnPeer(this.ownClients.get(i)!);
    });
  }

  /** Submits, evaluates and own-peer queries go through this client of the org's own peer from now on. */
  private useOwnPeer(client: grpc.Client): void {
    const { network, identity, deadlines } = this.config;
    const gateway = connectAs(client, identity.mspId, identity.client, deadlines);
    this.gateways.push(gateway);
    this.ownClient = client;
    this.contract = gateway.getNetwork(network.channel).getContract(network.chaincode);
    this.peerGateways.set(identity.mspId, gateway);
    this.systemContracts.clear();
  }

  /** The org's own peer requests go through now (its hostname). */
  get ownPeer(): string {
    return this.ownPeers.current;
  }

  get orgs(): PeerConnection[] {
    return this.config.network.orgs;
  }

  /**
   * Endorses, orders and waits for the commit of one transaction. A write that loses a race is
   * endorsed again (write-retry.ts); a write the ledger already holds is not ordered again and
   * its receipt names the transaction that wrote it.
   */
  async submit<T>(actor: Actor, fn: string, args: string[]): Promise<Receipt<T>> {
    const timer = fabricSubmitSeconds.startTimer({ function: fn });
    try {
      const receipt = await this.ownPeers.run(
        () => retryLostRaces(() => this.submitOnce<T>(actor, this.contractFor(actor), fn, args), isLostRace, this.config.writeRetry),
        isUnreachable,
      );
      timer({ outcome: receipt.replay ? 'replayed' : 'committed' });
      return receipt;
    } catch (err) {
      const apiError = toApiError(err);
      timer({ outcome: apiError.code });
      throw apiError;
    }
  }

  private async submitOnce<T>(actor: Actor, contract: Contract, fn: string, args: string[]): Promise<Receipt<T>> {
    const transaction = await contract
      .newProposal(fn, { arguments: args })
      .endorse()
      .catch((err: unknown) => {
        throw isPeerDisagreement(err) ? new LostRace(undefined, 'endorsing peers disagree') : err;
      });
    const record = JSON.parse(decoder.decode(transaction.getResult())) as T;
    const earlierTxId = earlierWriterOf(fn, transaction, record);
    if (earlierTxId) {
      const blockNumber = await blockNumberOf(this.networkOf(actor), earlierTxId);
      this.lastCommittedBlock = Math.max(this.lastCommittedBlock, blockNumber);
      return { txId: earlierTxId, blockNumber, status: 'VALID', replay: true, record };
    }
    const submitted = await transaction.submit();
    const status = await submitted.getStatus();
    const txId = transaction.getTransactionId();
    if (!status.successful) throw notCommitted(txId, status.code);
    this.lastCommittedBlock = Math.max(this.lastCommittedBlock, Number(status.blockNumber));
    return { txId, blockNumber: Number(status.blockNumber), status: validationCodeName(status.code), replay: false, record };
  }

  async evaluate<T>(actor: Actor, fn: string, args: string[]): Promise<T> {
    try {
      const result = await this.ownPeers.run(() => this.contractFor(actor).evaluateTransaction(fn, ...args), isUnreachable);
      return JSON.parse(decoder.decode(result)) as T;
    } catch (err) {
      throw toApiError(err);
    }
  }

  /** The number of the block holding a committed transaction. */
  blockNumberOf(txId: string): Promise<number> {
    return blockNumberOf(this.networkOf({ mspId: this.mspId }), txId);
  }

  /** qscc GetChainInfo on one org's peer. */
  async chainInfo(peerMspId: string): Promise<ChainInfo> {
    const gateway = this.peerGateways.get(peerMspId)!;
    const qscc = gateway.getNetwork(this.config.network.channel).getContract('qscc');
    const bytes = await qscc.evaluateTransaction('GetChainInfo', this.config.network.channel);
    const info = common.BlockchainInfo.deserializeBinary(bytes);
    return {
      height: info.getHeight(),
      currentBlockHash: Buffer.from(info.getCurrentblockhash_asU8()).toString('hex'),
      previousBlockHash: Buffer.from(info.getPreviousblockhash_asU8()).toString('hex'),
    };
  }

  /** Endorses a read-only query through the org's own peer and drops the endorsement (readiness.ts). */
  async endorseProbe(): Promise<void> {
    await this.ownPeers.run(() => this.contract.newProposal('programme:ListProgrammes').endorse(), isUnreachable);
  }

  /** Block heights of the org's own peer (undefined when it does not answer) and of every other peer that answers. */
  async heights(): Promise<{ own: number | undefined; others: number[] }> {
    const answers = await Promise.all(
      this.orgs.map((org) => this.chainInfo(org.mspId).then((info) => ({ org: org.mspId, height: info.height }), () => undefined)),
    );
    const own = answers.find((a) => a?.org === this.mspId)?.height;
    const others = answers.filter((a) => a !== undefined && a.org !== this.mspId).map((a) => a!.height);
    return { own, others };
  }

  close(): void {
    for (const gateway of this.gateways) gateway.close();
    for (const client of this.clients.values()) client.close();
    for (const client of this.ownClients.values()) client.close();
  }

  /** Drops a system's connection (after retirement or re-enrollment). */
  forgetSystem(systemId: string): void {
    this.systemContracts.delete(systemId);
  }

  /** The channel as seen through this gateway's own org's peer (for qscc lookups). */
  private networkOf(_actor: Actor): Network {
    return this.peerGateways.get(this.mspId)!.getNetwork(this.config.network.channel);
  }

  private contractFor(actor: Actor): Contract {
    if (actor.mspId !== this.mspId) throw forbidden(`this gateway serves ${this.mspId}, not ${actor.mspId}`);
    if (!actor.systemId || !this.identities) return this.contract;
    let contract = this.systemContracts.get(actor.systemId);
    if (!contract) {
      const files = this.identities.find(actor.systemId);
      if (!files) return this.contract;
      const { network, deadlines } = this.config;
      const gateway = connectAs(this.ownClient, this.mspId, files, deadlines);
      this.gateways.push(gateway);
      contract = gateway.getNetwork(network.channel).getContract(network.chaincode);
      this.systemContracts.set(actor.systemId, contract);
    }
    return contract;
  }
}

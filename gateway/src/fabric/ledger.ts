/**
 * The gateway's view of the chain: submit a transaction as one of the orgs it holds and get a
 * receipt once committed, evaluate a query, read a peer's chain info.
 */
import type * as grpc from '@grpc/grpc-js';
import type { Contract, Gateway, Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { GatewayConfig, OrgConnection } from '../config';
import { fabricSubmitSeconds } from '../metrics';
import { forbidden } from '../errors';
import { connectAs, type IdentityKind, newPeerClient } from './connection';
import { isPeerDisagreement, isLostRace, LostRace, notCommitted, toApiError, validationCodeName } from './ledger-errors';
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

export interface Actor {
  mspId: string;
  identity: IdentityKind;
}

const decoder = new TextDecoder();

export class Ledger {
  /** The highest block holding a transaction this gateway committed: index reads wait for it. */
  lastCommittedBlock = 0;
  private readonly clients = new Map<string, grpc.Client>();
  private readonly gateways: Gateway[] = [];
  private readonly contracts = new Map<string, Contract>();
  private readonly peerGateways = new Map<string, Gateway>();

  constructor(private readonly config: GatewayConfig) {
    const { network, heldOrgs, deadlines } = config;
    for (const org of network.orgs) this.clients.set(org.mspId, newPeerClient(org));
    for (const mspId of heldOrgs) {
      const org = this.org(mspId);
      for (const kind of ['client', 'admin'] as const) {
        const gateway = connectAs(this.clients.get(mspId)!, mspId, org[kind], deadlines);
        this.gateways.push(gateway);
        this.contracts.set(`${mspId}/${kind}`, gateway.getNetwork(network.channel).getContract(network.chaincode));
      }
    }
    // Queries addressed to one peer (health, cross-org reads) use the first held org's identity.
    const reader = this.org(heldOrgs[0]);
    for (const org of network.orgs) {
      const gateway = connectAs(this.clients.get(org.mspId)!, reader.mspId, reader.client, deadlines);
      this.gateways.push(gateway);
      this.peerGateways.set(org.mspId, gateway);
    }
  }

  get orgs(): OrgConnection[] {
    return this.config.network.orgs;
  }

  /**
   * Endorses, orders and waits for the commit of one transaction. A write that loses a race is
   * endorsed again (write-retry.ts); a write the ledger already holds is not ordered again and
   * its receipt names the transaction that wrote it.
   */
  async submit<T>(actor: Actor, fn: string, args: string[]): Promise<Receipt<T>> {
    const contract = this.contract(actor);
    const timer = fabricSubmitSeconds.startTimer({ function: fn });
    try {
      const receipt = await retryLostRaces(() => this.submitOnce<T>(actor, contract, fn, args), isLostRace, this.config.writeRetry);
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
      const result = await this.contract(actor).evaluateTransaction(fn, ...args);
      return JSON.parse(decoder.decode(result)) as T;
    } catch (err) {
      throw toApiError(err);
    }
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

  close(): void {
    for (const gateway of this.gateways) gateway.close();
    for (const client of this.clients.values()) client.close();
  }

  private contract(actor: Actor): Contract {
    const contract = this.contracts.get(`${actor.mspId}/${actor.identity}`);
    if (!contract) throw forbidden(`this gateway holds no identity of ${actor.mspId}`);
    return contract;
  }

  /** The channel as seen through the actor's own org's peer (for qscc lookups). */
  private networkOf(actor: Actor): Network {
    const gateway = this.peerGateways.get(actor.mspId) ?? this.peerGateways.values().next().value!;
    return gateway.getNetwork(this.config.network.channel);
  }

  private org(mspId: string): OrgConnection {
    const org = this.config.network.orgs.find((o) => o.mspId === mspId);
    if (!org) throw new Error(`no org ${mspId} in the network description`);
    return org;
  }
}

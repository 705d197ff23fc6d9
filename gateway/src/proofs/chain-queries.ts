/**
 * qscc queries to each org's peer (GetBlockByTxID, GetBlockByNumber, GetChainInfo), under the
 * client identity of the org this gateway serves. Its own connections, so that building
 * proofs needs nothing private from the Ledger. Block lookups that the org's first peer cannot
 * answer because it joined from a snapshot go to the org's standby peers (whole-chain.ts).
 */
import type * as grpc from '@grpc/grpc-js';
import type { Contract, Gateway, Signer } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GatewayConfig, OrgIdentity, PeerConnection } from '../config';
import { connectAs, newPeerClient } from '../fabric/connection';
import { signingIdentityOf } from '../fabric/native-signer';
import { hex } from '../verify/bytes';
import { signedPeerAnswer } from './peer-attestation';
import { type ChainPeer, onWholeChain } from './whole-chain';

interface QsccPeer {
  client: grpc.Client;
  qscc: Contract;
}

export interface PeerChainInfo {
  height: number;
  currentBlockHash: string;
}

export class ChainQueries {
  readonly channel: string;
  /** The org whose peer answers by default: the org this gateway serves. */
  readonly defaultOrg: string;
  /** Each org's peers in the order they are asked: its first peer, then (own org only) its standby peers. */
  private readonly peers = new Map<string, ChainPeer<QsccPeer>[]>();
  private readonly signer: Signer;
  private readonly closers: Array<() => void> = [];

  constructor(private readonly config: GatewayConfig) {
    this.channel = config.network.channel;
    this.defaultOrg = config.identity.mspId;
    const reader = config.identity;
    // The signer connectAs gives the same identity: a proposal's getDigest() is what that signer expects.
    this.signer = signingIdentityOf(createPrivateKey(readFileSync(reader.client.key))).signer;
    for (const org of config.network.orgs) {
      const standby = org.mspId === reader.mspId ? config.standbyPeers : [];
      this.peers.set(org.mspId, [org, ...standby].map((peer) => this.connect(peer)));
    }
  }

  private connect(peer: PeerConnection): ChainPeer<QsccPeer> {
    const client: grpc.Client = newPeerClient(peer);
    const gateway: Gateway = connectAs(client, this.config.identity.mspId, this.config.identity.client, this.config.deadlines);
    this.closers.push(() => gateway.close(), () => client.close());
    return { name: peer.peerHostAlias, contract: { client, qscc: gateway.getNetwork(this.channel).getContract('qscc') } };
  }

  get identity(): OrgIdentity {
    return this.config.identity;
  }

  get orgs(): PeerConnection[] {
    return this.config.network.orgs;
  }

  org(mspId: string): PeerConnection {
    const org = this.config.network.orgs.find((o) => o.mspId === mspId);
    if (!org) throw new Error(`no org ${mspId} in the network description`);
    return org;
  }

  holds(mspId: string): boolean {
    return this.config.identity.mspId === mspId;
  }

  async blockByTxId(txId: string, mspId = this.defaultOrg): Promise<common.Block> {
    const bytes = await onWholeChain(mspId, this.peersOf(mspId), (p) => p.qscc.evaluateTransaction('GetBlockByTxID', this.channel, txId));
    return common.Block.deserializeBinary(bytes);
  }

  async blockByNumber(blockNumber: number, mspId = this.defaultOrg): Promise<common.Block> {
    const bytes = await onWholeChain(mspId, this.peersOf(mspId), (p) => p.qscc.evaluateTransaction('GetBlockByNumber', this.channel, String(blockNumber)));
    return common.Block.deserializeBinary(bytes);
  }

  async chainInfo(mspId = this.defaultOrg): Promise<PeerChainInfo> {
    const info = common.BlockchainInfo.deserializeBinary(await this.contract(mspId).evaluateTransaction('GetChainInfo', this.channel));
    return { height: info.getHeight(), currentBlockHash: hex(info.getCurrentblockhash_asU8()) };
  }

  /**
   * The ProposalResponse (answer + the peer's signature) of qscc GetTransactionByID on one org's
   * peer: a ProcessedTransaction with the envelope and that peer's validation code, in the
   * signed payload only (peer-attestation.ts drops the unsigned copy).
   */
  async signedTransactionStatus(txId: string, mspId: string): Promise<Uint8Array> {
    return (await this.signedAnswer(mspId, 'GetTransactionByID', [this.channel, txId], 'drop')).response;
  }

  /** The proposal and the ProposalResponse (signed by the peer) of qscc GetChainInfo on one org's peer: a checkpoint. */
  signedChainInfo(mspId: string): Promise<{ proposal: Uint8Array; response: Uint8Array }> {
    return this.signedAnswer(mspId, 'GetChainInfo', [this.channel]);
  }

  private signedAnswer(mspId: string, fn: string, args: string[], answerCopy: 'keep' | 'drop' = 'keep'): Promise<{ proposal: Uint8Array; response: Uint8Array }> {
    return onWholeChain(mspId, this.peersOf(mspId), (p) => signedPeerAnswer(p.client, p.qscc, this.signer, fn, args, this.config.deadlines.evaluateMs, answerCopy));
  }

  close(): void {
    for (const close of this.closers) close();
  }

  private contract(mspId: string): Contract {
    return this.peersOf(mspId)[0].contract.qscc;
  }

  private peersOf(mspId: string): ChainPeer<QsccPeer>[] {
    const peers = this.peers.get(mspId);
    if (!peers) throw new Error(`no peer of ${mspId}`);
    return peers;
  }
}

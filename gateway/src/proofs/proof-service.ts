/**
 * Builds proofs on the gateway: bundles for a transaction or an access event, and checkpoints
 * (a peer's own signed answer on the chain tip; the gateway signs nothing). Holds the peer
 * connections and the caches (headers, config chains) they share.
 */
import type { common } from '@hyperledger/fabric-protos';
import type { GatewayConfig } from '../config';
import { base64 } from '../verify/bytes';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, readCheckpoint, type PeerCheckpoint } from '../verify/checkpoint';
import { notFound } from '../errors';
import { accessEventBundle, type LocatedEvent } from './access-event-bundle';
import { ruleProofBundle } from './rule-proof-bundle';
import type { RuleProof } from '../verify/rules/rule-proof';
import { lastConfigIndex } from './block-json';
import type { ChainBlock } from '../index/chain-events';
import { ChainQueries, type PeerChainInfo } from './chain-queries';
import { FreshChainInfo } from './fresh-chain-info';
import { HeaderCache } from './header-cache';
import { RecentBlocks } from './recent-blocks';
import { transactionBundle, type AssembledTransaction, type BundleRange, type ProofSources } from './transaction-bundle';
import { bundleBytes, encodedConfigChain } from './bundle-bytes';

export class ProofService implements ProofSources {
  readonly queries: ChainQueries;
  readonly headers: HeaderCache;
  readonly recentBlocks = new RecentBlocks();
  private readonly configChains = new Map<number, Promise<common.Block[]>>();
  private readonly tip: FreshChainInfo;

  constructor(config: GatewayConfig) {
    this.queries = new ChainQueries(config);
    this.headers = new HeaderCache((n) => this.queries.blockByNumber(n));
    this.tip = new FreshChainInfo(() => this.queries.chainInfo());
  }

  /**
   * A block the gateway's own block stream delivered (committed on its org's peer, the peer
   * bundles are built from): its header and the block are kept, so bundles of recent
   * transactions ask no peer for either.
   */
  observe(block: common.Block, read: ChainBlock): void {
    this.headers.remember(block);
    this.recentBlocks.remember(block, new Map(read.transactions.map((t) => [t.txId, t.txIndex])));
  }

  /** The default peer's chain tip, answered after this call began (concurrent bundles share the call). */
  chainInfo(): Promise<PeerChainInfo> {
    return this.tip.get();
  }

  /** Config blocks from genesis to `lastConfig`: each config block's predecessor names the config before it. */
  configChain(lastConfig: number): Promise<common.Block[]> {
    let chain = this.configChains.get(lastConfig);
    if (!chain) {
      chain = this.walkConfigChain(lastConfig);
      chain.catch(() => this.configChains.delete(lastConfig));
      this.configChains.set(lastConfig, chain);
    }
    return chain;
  }

  private async walkConfigChain(lastConfig: number): Promise<common.Block[]> {
    const block = await this.queries.blockByNumber(lastConfig);
    if (lastConfig === 0) return [block];
    const before = lastConfigIndex(await this.queries.blockByNumber(lastConfig - 1));
    return [...(await this.configChain(before)), block];
  }

  /** The transaction's bundle, as the JSON bytes to send. */
  async transactionBytes(txId: string, range?: BundleRange): Promise<Buffer> {
    return encoded(await transactionBundle(this, txId, range));
  }

  /** The decision's bundle with the bundles of every version it read: for re-running the rules offline. */
  rules(txId: string): Promise<RuleProof> {
    return ruleProofBundle(this, txId);
  }

  /** The access event's bundle, as the JSON bytes to send. */
  async accessEventBytes(located: LocatedEvent, range?: BundleRange): Promise<Buffer> {
    return encoded(await accessEventBundle(this, located, range));
  }

  /** The chain tip as `mspId`'s peer signs it (default: the peer of this gateway's org). */
  async checkpoint(mspId = this.queries.defaultOrg): Promise<PeerCheckpoint> {
    if (!this.queries.orgs.some((o) => o.mspId === mspId)) throw notFound(`no org ${mspId} on the channel`);
    const { proposal, response } = await this.queries.signedChainInfo(mspId);
    const checkpoint: PeerCheckpoint = {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      channel: this.queries.channel,
      org: mspId,
      proposal: base64(proposal),
      proposalResponse: base64(response),
    };
    return { ...checkpoint, tip: readCheckpoint(checkpoint, this.queries.channel).tip };
  }

  close(): void {
    this.queries.close();
  }
}

function encoded({ bundle, configChain }: AssembledTransaction): Buffer {
  return bundleBytes(bundle, { configChain: encodedConfigChain(configChain) });
}

/**
 * Builds proofs on the gateway: bundles for a transaction or an access event, and signed
 * checkpoints. Holds the peer connections and the caches (headers, config blocks) they share.
 */
import type { common } from '@hyperledger/fabric-protos';
import type { GatewayConfig } from '../config';
import type { ProofBundle } from '../verify/bundle';
import type { SignedCheckpoint } from '../verify/checkpoint';
import { accessEventBundle, type LocatedEvent } from './access-event-bundle';
import { ChainQueries } from './chain-queries';
import { signedCheckpoint } from './checkpoint-signer';
import { HeaderCache } from './header-cache';
import { transactionBundle, type BundleRange, type ProofSources } from './transaction-bundle';

export class ProofService implements ProofSources {
  readonly queries: ChainQueries;
  readonly headers: HeaderCache;
  private readonly configBlocks = new Map<number, Promise<common.Block>>();

  constructor(config: GatewayConfig) {
    this.queries = new ChainQueries(config);
    this.headers = new HeaderCache((n) => this.queries.blockByNumber(n));
  }

  configBlock(blockNumber: number): Promise<common.Block> {
    let block = this.configBlocks.get(blockNumber);
    if (!block) {
      block = this.queries.blockByNumber(blockNumber);
      block.catch(() => this.configBlocks.delete(blockNumber));
      this.configBlocks.set(blockNumber, block);
    }
    return block;
  }

  async transaction(txId: string, range?: BundleRange): Promise<ProofBundle> {
    return (await transactionBundle(this, txId, range)).bundle;
  }

  accessEvent(located: LocatedEvent, range?: BundleRange): Promise<ProofBundle> {
    return accessEventBundle(this, located, range);
  }

  checkpoint(mspId?: string): Promise<SignedCheckpoint> {
    return signedCheckpoint(this.queries, mspId);
  }

  close(): void {
    this.queries.close();
  }
}

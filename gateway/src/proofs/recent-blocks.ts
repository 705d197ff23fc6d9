/**
 * Recent blocks, kept so that a bundle of a transaction in one of them is built without asking a
 * peer for its block (a 500-line batch's block is about half a megabyte). They come from the
 * gateway's own block stream (the index follower hands over each block it applied) and from the
 * blocks recent bundles fetched. Only committed blocks get here, and a block never changes once
 * committed; a transaction not found here is looked up on the peer as before.
 */
import type { common } from '@hyperledger/fabric-protos';
import { headerJson, transactionIndexes } from './block-json';

/** Bounds on what is kept; the least recently used block goes first. */
export interface RecentBlockLimits {
  maxBlocks: number;
  /** Sum of the kept blocks' data entries (their transactions' bytes). */
  maxBytes: number;
}

export const DEFAULT_RECENT_BLOCK_LIMITS: RecentBlockLimits = { maxBlocks: 64, maxBytes: 32 * 1024 * 1024 };

interface RecentBlock {
  block: common.Block;
  bytes: number;
  /** Each transaction's position in the block (a repeated txId: its VALID copy, else the first). */
  indexOf: Map<string, number>;
}

export class RecentBlocks {
  private readonly byNumber = new Map<number, RecentBlock>();
  private readonly numberOf = new Map<string, number>();
  private keptBytes = 0;

  constructor(private readonly limits: RecentBlockLimits = DEFAULT_RECENT_BLOCK_LIMITS) {}

  /** The block holding `txId` and the transaction's index in it, when the block is kept. */
  find(txId: string): { block: common.Block; index: number } | undefined {
    const number = this.numberOf.get(txId);
    const recent = number === undefined ? undefined : this.byNumber.get(number);
    if (!recent) return undefined;
    // Most recently used last, so the least recently used block is the first to go.
    this.byNumber.delete(number!);
    this.byNumber.set(number!, recent);
    return { block: recent.block, index: recent.indexOf.get(txId)! };
  }

  /**
   * Keeps a committed block. `indexOf` names the transactions to find in it (default: all of
   * them, read from the block); the block stream passes its VALID transactions, already read.
   */
  remember(block: common.Block, indexOf: Map<string, number> = transactionIndexes(block)): void {
    const { number } = headerJson(block);
    if (this.byNumber.has(number)) return;
    const bytes = block.getData()!.getDataList_asU8().reduce((sum, entry) => sum + entry.length, 0);
    this.byNumber.set(number, { block, bytes, indexOf });
    this.keptBytes += bytes;
    for (const txId of indexOf.keys()) this.numberOf.set(txId, number);
    while (this.byNumber.size > 1 && (this.byNumber.size > this.limits.maxBlocks || this.keptBytes > this.limits.maxBytes)) {
      this.forget(this.byNumber.keys().next().value as number);
    }
  }

  get size(): number {
    return this.byNumber.size;
  }

  /** The data bytes of the kept blocks. */
  get bytes(): number {
    return this.keptBytes;
  }

  private forget(number: number): void {
    const recent = this.byNumber.get(number);
    if (!recent) return;
    this.byNumber.delete(number);
    this.keptBytes -= recent.bytes;
    for (const txId of recent.indexOf.keys()) if (this.numberOf.get(txId) === number) this.numberOf.delete(txId);
  }
}

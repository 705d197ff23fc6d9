/**
 * The blocks recent bundles came from, kept so that a bundle of another transaction in the same
 * block is built without asking a peer for the block again (a 500-line batch's block is about
 * half a megabyte). Only committed blocks get here, and a block never changes once committed;
 * a transaction not found here is looked up on the peer as before.
 */
import type { common } from '@hyperledger/fabric-protos';
import { headerJson, transactionIndexes } from './block-json';

const DEFAULT_MAX_BLOCKS = 32;

interface RecentBlock {
  block: common.Block;
  /** Each transaction's position in the block (a repeated txId: its VALID copy, else the first). */
  indexOf: Map<string, number>;
}

export class RecentBlocks {
  private readonly byNumber = new Map<number, RecentBlock>();
  private readonly numberOf = new Map<string, number>();

  constructor(private readonly maxBlocks = DEFAULT_MAX_BLOCKS) {}

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

  remember(block: common.Block): void {
    const { number } = headerJson(block);
    if (this.byNumber.has(number)) return;
    if (this.byNumber.size >= this.maxBlocks) this.forget(this.byNumber.keys().next().value as number);
    const indexOf = transactionIndexes(block);
    this.byNumber.set(number, { block, indexOf });
    for (const txId of indexOf.keys()) this.numberOf.set(txId, number);
  }

  get size(): number {
    return this.byNumber.size;
  }

  private forget(number: number): void {
    const recent = this.byNumber.get(number);
    this.byNumber.delete(number);
    for (const txId of recent?.indexOf.keys() ?? []) if (this.numberOf.get(txId) === number) this.numberOf.delete(txId);
  }
}

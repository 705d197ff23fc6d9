/**
 * Where the audit reads one organisation's copy of the chain from (a peer, or a test double), and
 * the test seam `substituteBlock`: the same source, except that one block is replaced by what
 * `replace` makes of it — how a tampered or forked peer is simulated: the auditor receives, from
 * one org only, a block that differs from what the others deliver.
 */
import type { common } from '@hyperledger/fabric-protos';

export interface BlockSource {
  /** The org whose peer this is, e.g. FinanceMSP. */
  readonly org: string;
  /** Number of blocks the peer has. */
  height(): Promise<number>;
  /** Blocks from..to inclusive, in order. */
  blocks(from: number, to: number): AsyncIterable<common.Block>;
}

export function substituteBlock(source: BlockSource, blockNumber: number, replace: (block: common.Block) => common.Block): BlockSource {
  return {
    org: source.org,
    height: () => source.height(),
    async *blocks(from, to) {
      for await (const block of source.blocks(from, to)) {
        yield block.getHeader()?.getNumber() === blockNumber ? replace(block) : block;
      }
    },
  };
}

/**
 * A test seam for the audit: the same source, except that block `blockNumber` is replaced by
 * what `replace` makes of it. This is how a tampered or forked peer is simulated: the auditor
 * receives, from one org only, a block that differs from what the others deliver.
 */
import type { common } from '@hyperledger/fabric-protos';
import type { BlockSource } from './block-source';

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

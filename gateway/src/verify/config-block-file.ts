/**
 * The header hash of a channel config block held as a file (a serialized common.Block, e.g. the
 * genesis block `channel/welfare.block` the consortium shared), to pin the MSP roots a bundle uses.
 */
import { common } from '@hyperledger/fabric-protos';
import { blockHeaderHash } from './block-hash';
import { hex } from './bytes';

export function configBlockHash(blockBytes: Uint8Array): { number: number; hash: string } {
  const header = common.Block.deserializeBinary(blockBytes).getHeader();
  if (!header) throw new Error('not a Fabric block');
  return {
    number: header.getNumber(),
    hash: hex(blockHeaderHash({ number: header.getNumber(), previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() })),
  };
}

/** Test helper: block sources over captured blocks, as if three orgs' peers delivered them. */
import { common } from '@hyperledger/fabric-protos';
import type { BlockSource } from '../audit/block-source';

export function memorySource(org: string, blocks: Uint8Array[]): BlockSource {
  return {
    org,
    height: async () => blocks.length,
    async *blocks(from, to) {
      for (let n = from; n <= to && n < blocks.length; n++) yield common.Block.deserializeBinary(blocks[n]);
    },
  };
}

export const ORGS = ['CivilAffairsMSP', 'FinanceMSP', 'AuditMSP'];

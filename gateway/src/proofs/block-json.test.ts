import { common } from '@hyperledger/fabric-protos';
import { chainBlocks, disbursementBundle, mvccInvalidBundle } from '../verify/testing/fixtures';
import { lastConfigIndex, transactionIndex } from './block-json';
import { protoBlock } from './testing/fake-chain';

describe('reading blocks for bundles', () => {
  test('a transaction is found by its txId; one ordered more than once at the copy marked VALID', () => {
    const b = mvccInvalidBundle();
    expect(transactionIndex(protoBlock(b.block.header, b.block.data, b.block.validationCodes), b.txId)).toBe(b.transaction.index);
    const twice = [b.transaction.envelope, b.transaction.envelope];
    expect(transactionIndex(protoBlock(b.block.header, twice, Buffer.from([9, 0]).toString('hex')), b.txId)).toBe(1);
    expect(transactionIndex(protoBlock(b.block.header, b.block.data, b.block.validationCodes), 'f'.repeat(64))).toBe(-1);
  });

  test('the config block in effect is read from the orderer metadata', () => {
    const blocks = chainBlocks().map((bytes) => common.Block.deserializeBinary(bytes));
    expect(blocks.map(lastConfigIndex)).toEqual(blocks.map(() => 0));
    expect(lastConfigIndex(protoBlock(disbursementBundle().block.header))).toBe(0);
  });
});

import { common, peer } from '@hyperledger/fabric-protos';
import { readBlock } from './block-reader';
import { protoBlock } from './testing/proto-blocks';

const event = (txId: string) => ({ txId, changes: [] });

describe('reading a delivered block', () => {
  it('keeps VALID endorser transactions in block order with the welfare event each one set', () => {
    const block = protoBlock(7, [
      { txId: 'tx-a', payload: event('tx-a') },
      { txId: 'tx-b' },
      { txId: 'tx-c', payload: event('tx-c') },
    ]);
    expect(readBlock(block, 'welfare')).toEqual({
      blockNumber: 7,
      transactions: [
        { txId: 'tx-a', txIndex: 0, event: event('tx-a') },
        { txId: 'tx-b', txIndex: 1, event: null },
        { txId: 'tx-c', txIndex: 2, event: event('tx-c') },
      ],
    });
  });

  it('drops a transaction the peers marked invalid, keeping the others at their positions', () => {
    const block = protoBlock(3, [
      { txId: 'tx-conflict', payload: event('tx-conflict'), validationCode: peer.TxValidationCode.MVCC_READ_CONFLICT },
      { txId: 'tx-ok', payload: event('tx-ok') },
    ]);
    expect(readBlock(block, 'welfare').transactions).toEqual([{ txId: 'tx-ok', txIndex: 1, event: event('tx-ok') }]);
  });

  it('ignores configuration transactions and events of other chaincodes or names', () => {
    const block = protoBlock(1, [
      { txId: 'config', type: common.HeaderType.CONFIG },
      { txId: 'tx-other', payload: event('tx-other'), chaincodeName: 'other' },
      { txId: 'tx-named', payload: event('tx-named'), eventName: 'something-else' },
    ]);
    expect(readBlock(block, 'welfare').transactions).toEqual([
      { txId: 'tx-other', txIndex: 1, event: null },
      { txId: 'tx-named', txIndex: 2, event: null },
    ]);
  });
});

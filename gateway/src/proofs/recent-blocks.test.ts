import type { TrustAnchor } from '../verify/bundle';
import { disbursementBundle, fixture, mvccInvalidBundle } from '../verify/testing/fixtures';
import { verifyBundle } from '../verify/verify-bundle';
import { RecentBlocks } from './recent-blocks';
import { fakeChainOf, protoBlock } from './testing/fake-chain';
import { transactionBundle } from './transaction-bundle';

const withoutAssembly = ({ assembledAt, assembledFrom, ...rest }: Record<string, unknown>) => rest;
const blockOf = (bundle: ReturnType<typeof disbursementBundle>) => protoBlock(bundle.block.header, bundle.block.data, bundle.block.validationCodes, bundle.block.signatures);

describe('the blocks of recent bundles', () => {
  test('a second bundle of a transaction in a kept block asks no peer for the block, and is the same bundle', async () => {
    const original = disbursementBundle();
    const chain = fakeChainOf(original);
    let blockLookups = 0;
    const blockByTxId = chain.queries.blockByTxId.bind(chain.queries);
    chain.queries.blockByTxId = async (txId: string) => (blockLookups++, blockByTxId(txId));
    const sources = { ...chain, recentBlocks: new RecentBlocks() };
    const first = await transactionBundle(sources, original.txId);
    const second = await transactionBundle(sources, original.txId);
    expect(blockLookups).toBe(1);
    expect(withoutAssembly(second.bundle as never)).toEqual(withoutAssembly(first.bundle as never));
    expect(withoutAssembly(second.bundle as never)).toEqual(withoutAssembly(original as never));
    expect(verifyBundle(second.bundle, { trust: fixture<TrustAnchor>('trust.json') }).ok).toBe(true);
  });

  test('finds every transaction of a kept block at its index, nothing of a block it never saw, and forgets the least recently used', () => {
    const recent = new RecentBlocks({ maxBlocks: 1, maxBytes: 1 << 30 });
    const disbursement = disbursementBundle();
    const mvcc = mvccInvalidBundle();
    expect(recent.find(disbursement.txId)).toBeUndefined();
    recent.remember(blockOf(disbursement));
    expect(recent.find(disbursement.txId)?.index).toBe(disbursement.transaction.index);
    expect(recent.find(mvcc.txId)).toBeUndefined();
    recent.remember(blockOf(mvcc));
    expect(recent.size).toBe(1);
    expect(recent.find(disbursement.txId)).toBeUndefined();
    expect(recent.find(mvcc.txId)?.index).toBe(mvcc.transaction.index);
  });
});

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

  test('keeps blocks up to a byte bound, the least recently used going first, but always the newest', () => {
    const disbursement = disbursementBundle();
    const mvcc = mvccInvalidBundle();
    const sizeOf = (b: typeof disbursement) => b.block.data.reduce((sum, d) => sum + Buffer.from(d, 'base64').length, 0);
    const recent = new RecentBlocks({ maxBlocks: 10, maxBytes: sizeOf(disbursement) + sizeOf(mvcc) - 1 });
    recent.remember(blockOf(disbursement));
    expect(recent.bytes).toBe(sizeOf(disbursement));
    recent.remember(blockOf(mvcc));
    expect(recent.size).toBe(1);
    expect(recent.bytes).toBe(sizeOf(mvcc));
    expect(recent.find(disbursement.txId)).toBeUndefined();
    const tiny = new RecentBlocks({ maxBlocks: 10, maxBytes: 1 });
    tiny.remember(blockOf(mvcc));
    expect(tiny.find(mvcc.txId)?.index).toBe(mvcc.transaction.index);
  });

  test('a block from the stream serves its VALID transactions with no peer asked; a transaction in no kept block is asked of the peer, and one not committed is a 404', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const original = disbursementBundle();
      const chain = fakeChainOf(original);
      const asked: string[] = [];
      const blockByTxId = chain.queries.blockByTxId.bind(chain.queries);
      chain.queries.blockByTxId = async (txId: string) => (asked.push(txId), blockByTxId(txId));
      const recentBlocks = new RecentBlocks();
      // As ProofService.observe does with a block the index follower applied: only the VALID transactions it read.
      recentBlocks.remember(blockOf(original), new Map([[original.txId, original.transaction.index]]));
      const { bundle } = await transactionBundle({ ...chain, recentBlocks }, original.txId);
      expect(asked).toEqual([]);
      expect(bundle.txId).toBe(original.txId);
      expect(bundle.transaction).toEqual(original.transaction);
      expect(verifyBundle(bundle, { trust: fixture<TrustAnchor>('trust.json') }).ok).toBe(true);
      const notYet = 'e'.repeat(64);
      await expect(transactionBundle({ ...chain, recentBlocks }, notYet)).rejects.toMatchObject({ status: 404 });
      expect(asked.filter((t) => t === notYet).length).toBeGreaterThan(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

import type { TrustAnchor } from '../verify/bundle';
import { accessEventBundle, disbursementBundle, fixture, mvccInvalidBundle } from '../verify/testing/fixtures';
import { verifyBundle } from '../verify/verify-bundle';
import { accessEventBundle as buildAccessEventBundle } from './access-event-bundle';
import { fakeChainOf } from './testing/fake-chain';
import { MAX_HEADERS, transactionBundle } from './transaction-bundle';

const withoutAssembly = ({ assembledAt, assembledFrom, ...rest }: Record<string, unknown>) => rest;

describe('assembling a transaction bundle from what the peer answers', () => {
  test.each([
    ['a disbursement', disbursementBundle],
    ['an MVCC-invalid transaction', mvccInvalidBundle],
  ])('rebuilds the captured bundle of %s byte for byte', async (_, captured) => {
    const original = captured();
    const { bundle } = await transactionBundle(fakeChainOf(original), original.txId);
    expect(withoutAssembly(bundle as never)).toEqual(withoutAssembly(original as never));
  });

  test('claims every value the transaction wrote in its chaincode namespace', async () => {
    const original = disbursementBundle();
    const { bundle } = await transactionBundle(fakeChainOf(original), original.txId);
    expect(bundle.claims.map((c) => c.key.split('\u0000')[1])).toEqual(['line', 'paidPeriod']);
    expect(JSON.parse(bundle.claims[0].value)).toMatchObject({ status: 'POSTED', txId: original.txId });
    expect(verifyBundle(bundle, { trust: fixture<TrustAnchor>('trust.json') }).ok).toBe(true);
  });

  test('ends the chain at a requested earlier tip, still verifiable', async () => {
    const original = disbursementBundle();
    const { bundle } = await transactionBundle(fakeChainOf(original), original.txId, { tip: original.block.header.number });
    expect(bundle.headers).toEqual([]);
    expect(bundle.tip.number).toBe(original.block.header.number);
    expect(verifyBundle(bundle, { trust: fixture<TrustAnchor>('trust.json') }).ok).toBe(true);
  });

  test('a tip beyond the peer\'s height is the current tip; a tip before the block is the block', async () => {
    const original = disbursementBundle();
    expect((await transactionBundle(fakeChainOf(original), original.txId, { tip: 10 ** 9 })).bundle.tip).toEqual(original.tip);
    expect((await transactionBundle(fakeChainOf(original), original.txId, { tip: 0 })).bundle.tip.number).toBe(original.block.header.number);
  });

  test('an unknown transaction is a 404 after a few retries', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      await expect(transactionBundle(fakeChainOf(disbursementBundle()), 'f'.repeat(64))).rejects.toMatchObject({ status: 404 });
    } finally {
      jest.useRealTimers();
    }
  });

  test('the header chain is capped', () => {
    expect(MAX_HEADERS).toBeGreaterThanOrEqual(1000);
  });

  test('?since reaching more than MAX_HEADERS blocks before the transaction is a 400', async () => {
    const original = disbursementBundle();
    const far = { ...original, block: { ...original.block, header: { ...original.block.header, number: MAX_HEADERS + 20 } }, headers: [], tip: { ...original.tip, number: MAX_HEADERS + 20 } };
    await expect(transactionBundle(fakeChainOf(far), far.txId, { since: 0 })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/at most 10000/) });
    await expect(transactionBundle(fakeChainOf(far), far.txId, { since: 19 })).rejects.toMatchObject({ status: 400 });
  });
});

describe('assembling an access-event bundle', () => {
  test('takes the event from the anchor transaction and rebuilds the captured path', async () => {
    const original = accessEventBundle();
    const { event, batchId, leafIndex } = original.accessEvent!;
    const { bundle } = await buildAccessEventBundle(fakeChainOf(original), { eventId: event.eventId, txId: original.txId, batchId, leafIndex });
    expect(withoutAssembly(bundle as never)).toEqual(withoutAssembly(original as never));
    expect(verifyBundle(bundle, { trust: fixture<TrustAnchor>('trust.json') }).ok).toBe(true);
  });

  test('refuses an index entry that does not match the anchored events', async () => {
    const original = accessEventBundle();
    const { event, batchId, leafIndex } = original.accessEvent!;
    await expect(
      buildAccessEventBundle(fakeChainOf(original), { eventId: event.eventId, txId: original.txId, batchId, leafIndex: leafIndex + 1 }),
    ).rejects.toThrow(/is not leaf/);
  });
});

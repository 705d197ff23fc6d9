import type { ProofBundle, TrustAnchor } from '../verify/bundle';
import { accessEventBundle, disbursementBundle, fixture, mvccInvalidBundle } from '../verify/testing/fixtures';
import { verifyBundle } from '../verify/verify-bundle';
import { accessEventBundle as buildAccessEventBundle } from './access-event-bundle';
import { bundleBytes, encodedBlock, encodedConfigChain } from './bundle-bytes';
import { fakeChainOf } from './testing/fake-chain';
import { transactionBundle } from './transaction-bundle';

const trust = () => fixture<TrustAnchor>('trust.json');

describe('a bundle as the JSON bytes the gateway sends', () => {
  test.each([
    ['a disbursement', disbursementBundle],
    ['an MVCC-invalid transaction', mvccInvalidBundle],
    ['an access event (non-ASCII text in its event and claims)', accessEventBundle],
  ])('parses back to the same bundle, member for member and in order, for %s', (_, captured) => {
    const bundle = captured();
    const text = bundleBytes(bundle).toString('utf8');
    expect(JSON.parse(text)).toEqual(bundle);
    expect(text).toBe(JSON.stringify(bundle));
  });

  test('with the block and config chain encoded once per block, a built bundle is the same bundle and verifies', async () => {
    const original = disbursementBundle();
    const assembled = await transactionBundle(fakeChainOf(original), original.txId);
    const bytes = bundleBytes(assembled.bundle, { block: encodedBlock(assembled.block), configChain: encodedConfigChain(assembled.configChain) });
    const parsed = JSON.parse(bytes.toString('utf8')) as ProofBundle;
    expect(parsed).toEqual(assembled.bundle);
    expect(verifyBundle(parsed, { trust: trust() }).ok).toBe(true);
    expect(encodedBlock(assembled.block)).toBe(encodedBlock(assembled.block));
  });

  test('an access-event bundle built and sent as bytes is the one that was built, for the right event', async () => {
    const original = accessEventBundle();
    const { event, batchId, leafIndex } = original.accessEvent!;
    const assembled = await buildAccessEventBundle(fakeChainOf(original), { eventId: event.eventId, txId: original.txId, batchId, leafIndex });
    const parsed = JSON.parse(bundleBytes(assembled.bundle, { block: encodedBlock(assembled.block) }).toString('utf8')) as ProofBundle;
    expect(parsed).toEqual(assembled.bundle);
    expect(parsed.accessEvent?.event.eventId).toBe(event.eventId);
    expect(verifyBundle(parsed, { trust: trust() }).ok).toBe(true);
  });

  test('the encoded block of one transaction is not served for another block', async () => {
    const a = await transactionBundle(fakeChainOf(disbursementBundle()), disbursementBundle().txId);
    const b = await transactionBundle(fakeChainOf(mvccInvalidBundle()), mvccInvalidBundle().txId);
    expect(JSON.parse(encodedBlock(b.block).toString('utf8'))).toEqual(b.bundle.block);
    expect(JSON.parse(encodedBlock(a.block).toString('utf8'))).toEqual(a.bundle.block);
    expect(a.bundle.block.header.number).not.toBe(b.bundle.block.header.number);
  });
});

import type { ProofBundle, TrustAnchor } from '../verify/bundle';
import { accessEventBundle, disbursementBundle, fixture, mvccInvalidBundle } from '../verify/testing/fixtures';
import { verifyBundle } from '../verify/verify-bundle';
import { accessEventBundle as buildAccessEventBundle } from './access-event-bundle';
import { bundleBytes, encodedConfigChain } from './bundle-bytes';
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

  test('with the config chain encoded once, a built bundle is the same bundle and verifies', async () => {
    const original = disbursementBundle();
    const assembled = await transactionBundle(fakeChainOf(original), original.txId);
    const bytes = bundleBytes(assembled.bundle, { configChain: encodedConfigChain(assembled.configChain) });
    const parsed = JSON.parse(bytes.toString('utf8')) as ProofBundle;
    expect(parsed).toEqual(assembled.bundle);
    expect(verifyBundle(parsed, { trust: trust() }).ok).toBe(true);
    expect(encodedConfigChain(assembled.configChain)).toBe(encodedConfigChain(assembled.configChain));
  });

  test('an access-event bundle built and sent as bytes is the one that was built, for the right event', async () => {
    const original = accessEventBundle();
    const { event, batchId, leafIndex } = original.accessEvent!;
    const assembled = await buildAccessEventBundle(fakeChainOf(original), { eventId: event.eventId, txId: original.txId, batchId, leafIndex });
    const parsed = JSON.parse(bundleBytes(assembled.bundle, { configChain: encodedConfigChain(assembled.configChain) }).toString('utf8')) as ProofBundle;
    expect(parsed).toEqual(assembled.bundle);
    expect(parsed.accessEvent?.event.eventId).toBe(event.eventId);
    expect(verifyBundle(parsed, { trust: trust() }).ok).toBe(true);
  });

  test('a config chain encoded for one chain is not served for another', async () => {
    const a = await transactionBundle(fakeChainOf(disbursementBundle()), disbursementBundle().txId);
    const shorter = a.configChain.slice(0, 1);
    expect(JSON.parse(encodedConfigChain(shorter).toString('utf8'))).toEqual(a.bundle.configChain.slice(0, 1));
    expect(JSON.parse(encodedConfigChain(a.configChain).toString('utf8'))).toEqual(a.bundle.configChain);
  });
});

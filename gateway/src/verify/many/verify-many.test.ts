import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TrustAnchor } from '../bundle';
import { accessEventBundle, disbursementBundle, fixture, flipBase64, mvccInvalidBundle } from '../testing/fixtures';
import { verifyBundle } from '../verify-bundle';
import { bundleTexts, isManyBundles, type BundleText } from './bundle-stream';
import type { BundleOutcome } from './verify-texts';
import { verifyMany } from './verify-many';

const trust = fixture<TrustAnchor>('trust.json');
const otherTrust: TrustAnchor = { ...trust, genesisHash: 'ab'.repeat(32) };

async function* texts(bundles: Array<[string, unknown]>): AsyncGenerator<BundleText> {
  for (const [source, bundle] of bundles) yield { source, text: typeof bundle === 'string' ? bundle : JSON.stringify(bundle) };
}

const mixed = (): Array<[string, unknown]> => [
  ...Array.from({ length: 20 }, (_, i): [string, unknown] => [`good-${i}`, i % 2 ? disbursementBundle() : accessEventBundle()]),
  ['mvcc', mvccInvalidBundle()],
  ['not-json', '{"format":'],
  ['forged-block-signature', { ...disbursementBundle(), block: { ...disbursementBundle().block, signatures: flipBase64(disbursementBundle().block.signatures, -3) } }],
];

async function outcomesOf(bundles: Array<[string, unknown]>, workers: number, anchor: TrustAnchor | null = trust) {
  const outcomes: BundleOutcome[] = [];
  const summary = await verifyMany(texts(bundles), { trust: anchor ?? undefined }, { workers, shareSize: 4, onOutcome: (o) => outcomes.push(o) });
  const failedSources = outcomes.filter((o) => !o.ok).map((o) => o.source).sort();
  return { summary, outcomes, failedSources };
}

describe('verify many', () => {
  it.each([0, 2])('verifies every bundle of a stream with %i worker threads, naming each one that fails and the check it fails', async (workers) => {
    const { summary, outcomes, failedSources } = await outcomesOf(mixed(), workers);
    expect(summary).toMatchObject({ bundles: 23, verified: 20, failed: 3, consistentOnly: 0 });
    expect(failedSources).toEqual(['forged-block-signature', 'mvcc', 'not-json']);
    const failedChecks = (source: string) => outcomes.find((o) => o.source === source)!.failed.map((c) => c.check);
    expect(failedChecks('mvcc')).toEqual(['validation-code', 'validation-attestations']);
    expect(failedChecks('not-json')).toEqual(['bundle-format']);
    expect(failedChecks('forged-block-signature')).toContain('orderer-signatures');
    expect(outcomes.find((o) => o.source === 'good-1')!.subject).toEqual(verifyBundle(disbursementBundle(), { trust }).subject);
  });

  it('reuses nothing across trust anchors: the same bundles under another anchor all fail trust-anchor, and verify again under the right one', async () => {
    const good = mixed().slice(0, 6);
    expect((await outcomesOf(good, 0)).summary.verified).toBe(6);
    const other = await outcomesOf(good, 0, otherTrust);
    expect(other.summary.verified).toBe(0);
    expect(other.outcomes.every((o) => o.failed.some((c) => c.check === 'trust-anchor'))).toBe(true);
    expect((await outcomesOf(good, 0)).summary.verified).toBe(6);
    expect((await outcomesOf(good, 0, null)).summary).toMatchObject({ verified: 0, consistentOnly: 6, failed: 0 });
  });

  it('keys what it remembers by the exact bytes: after a good bundle, its config block or block signatures changed by one byte still fail', async () => {
    const good = disbursementBundle();
    expect(verifyBundle(good, { trust }).ok).toBe(true);
    const genesis = good.configChain[0];
    const changedConfig = { ...good, configChain: [{ ...genesis, signatures: genesis.signatures, data: [flipBase64(genesis.data[0], 200)] }, ...good.configChain.slice(1)] };
    const configChecks = verifyBundle(changedConfig, { trust }).checks.filter((c) => !c.ok).map((c) => c.check);
    expect(configChecks).toEqual(expect.arrayContaining(['trust-anchor']));
    const changedSignature = { ...good, block: { ...good.block, signatures: flipBase64(good.block.signatures, -3) } };
    expect(verifyBundle(changedSignature, { trust }).checks.find((c) => c.check === 'orderer-signatures')!.ok).toBe(false);
    expect(verifyBundle(disbursementBundle(), { trust }).ok).toBe(true);
  });

  it('reads NDJSON lines longer than a read chunk, with CRLF line ends and no final line end', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'welfare-many-'));
    const ndjson = path.join(dir, 'bundles.ndjson');
    const big = JSON.stringify(accessEventBundle());
    expect(big.length).toBeGreaterThan(64 * 1024);
    writeFileSync(ndjson, `${big}\r\n \r\n${JSON.stringify(disbursementBundle())}\r\n${big}`);
    const sources = [];
    for await (const b of bundleTexts(ndjson)) sources.push(b.source);
    expect(sources).toEqual([`${ndjson}:1`, `${ndjson}:3`, `${ndjson}:4`]);
    expect(await verifyMany(bundleTexts(ndjson), { trust }, { workers: 1 })).toMatchObject({ bundles: 3, verified: 3, failed: 0 });
  });

  it('reads a directory of bundle files and an NDJSON file, and tells them from one bundle file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'welfare-many-'));
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify(disbursementBundle()));
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(accessEventBundle()));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a bundle');
    const ndjson = path.join(dir, 'bundles.ndjson');
    writeFileSync(ndjson, `${JSON.stringify(disbursementBundle())}\n\n${JSON.stringify(mvccInvalidBundle())}\n`);
    expect([isManyBundles(dir), isManyBundles(ndjson), isManyBundles('-'), isManyBundles(path.join(dir, 'a.json'))]).toEqual([true, true, true, false]);
    const fromDir = [];
    for await (const b of bundleTexts(dir)) fromDir.push(b.source);
    expect(fromDir).toEqual([path.join(dir, 'a.json'), path.join(dir, 'b.json')]);
    const summary = await verifyMany(bundleTexts(ndjson), { trust }, { workers: 0 });
    expect(summary).toMatchObject({ bundles: 2, verified: 1, failed: 1 });
  });
});

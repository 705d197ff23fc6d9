import { blockDataHash } from './block-hash';
import type { ProofBundle, TrustAnchor } from './bundle';
import { hex } from './bytes';
import type { CheckName } from './check';
import { decodeBlockData, headerHashOf, seenBlockCount } from './seen-blocks';
import { disbursementBundle, fixture, flipBase64, flipChar, flipHex, locate, tamperEnvelope } from './testing/fixtures';
import { verifyBundle } from './verify-bundle';

const trust = fixture<TrustAnchor>('trust.json');
const failedChecks = (bundle: ProofBundle): CheckName[] => verifyBundle(bundle, { trust }).checks.filter((c) => !c.ok).map((c) => c.check);

describe('what the verifier remembers cannot be poisoned', () => {
  beforeEach(() => expect(verifyBundle(disbursementBundle(), { trust }).ok).toBe(true));
  afterEach(() => expect(verifyBundle(disbursementBundle(), { trust }).ok).toBe(true));

  test('after a good bundle, a bundle with the same block bytes but another envelope than its data entry fails transaction-in-block', () => {
    const good = disbursementBundle();
    const forged = tamperEnvelope(good, locate.writtenValue);
    const sameBlock = { ...forged, block: good.block };
    expect(failedChecks(sameBlock)).toContain('transaction-in-block');
  });

  test('after a good bundle, a bundle with the same block bytes but a tampered claim fails write-set', () => {
    const good = disbursementBundle();
    const claims = [{ ...good.claims[0], value: good.claims[0].value.replace(/\d/, (d) => String((Number(d) + 1) % 10)) }, ...good.claims.slice(1)];
    expect(failedChecks({ ...good, claims })).toEqual(['write-set']);
  });

  test('after a good bundle, its block with one byte changed (its header unchanged) is decoded and hashed in full and fails data-hash', () => {
    const forged = tamperEnvelope(disbursementBundle(), locate.writtenValue);
    expect(failedChecks(forged)).toContain('data-hash');
  });

  test("a seen block's exact bytes under a header claiming another data hash fail data-hash", () => {
    const good = disbursementBundle();
    const header = { ...good.block.header, dataHash: flipHex(good.block.header.dataHash, 5) };
    expect(failedChecks({ ...good, block: { ...good.block, header } })).toContain('data-hash');
  });

  test('after a good bundle, one of its later headers changed by one character fails header-chain', () => {
    const good = disbursementBundle();
    const headers = good.headers.map((h, i) => (i === good.headers.length - 1 ? { ...h, dataHash: flipChar(h.dataHash, 3) } : h));
    expect(failedChecks({ ...good, headers })).toContain('header-chain');
  });

  test('after a good bundle, its config block with one byte changed fails (the config chain is decoded and hashed anew)', () => {
    const good = disbursementBundle();
    const genesis = good.configChain[0];
    const configChain = [{ ...genesis, data: [flipBase64(genesis.data[0], 300)] }];
    expect(failedChecks({ ...good, configChain })).toEqual(expect.arrayContaining(['trust-anchor', 'config-chain']));
  });
});

describe('decodeBlockData keeps only blocks whose bytes hash to the data hash it keeps them under', () => {
  const texts = () => disbursementBundle().block.data;
  const realHash = () => disbursementBundle().block.header.dataHash;

  test('a block claiming a data hash its bytes do not have is not kept, and does not stop the real block from being kept', () => {
    const forged = [flipBase64(texts()[0], 40)];
    const claimed = hex(blockDataHash([Buffer.from(texts()[0], 'base64')])).replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const before = seenBlockCount();
    const decoded = decodeBlockData(forged, claimed);
    expect(hex(decoded.dataHash)).not.toBe(claimed);
    expect(seenBlockCount()).toBe(before);
    expect(hex(decodeBlockData(texts(), realHash()).dataHash)).toBe(realHash());
  });

  test('the same texts meet the kept block (same decoded entries); one character changed meets nothing and is hashed anew', () => {
    const first = decodeBlockData(texts(), realHash());
    expect(decodeBlockData(texts(), realHash()).entries).toBe(first.entries);
    const changed = decodeBlockData([flipChar(texts()[0], 100)], realHash());
    expect(changed.entries).not.toBe(first.entries);
    expect(hex(changed.dataHash)).not.toBe(realHash());
  });

  test('a header hash is remembered by its exact text: a header differing in one character hashes differently', () => {
    const [header] = disbursementBundle().headers;
    expect(headerHashOf({ ...header, dataHash: flipChar(header.dataHash, 10) })).not.toBe(headerHashOf(header));
    expect(headerHashOf({ ...header, number: header.number + 1 })).not.toBe(headerHashOf(header));
  });
});

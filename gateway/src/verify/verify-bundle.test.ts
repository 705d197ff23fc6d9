import { blockHeaderHash } from './block-hash';
import type { ProofBundle, TrustAnchor } from './bundle';
import { headerFields } from './bundle-context';
import type { CheckName } from './check';
import { readCheckpoint } from './checkpoint';
import { readChannelConfig } from './fabric/channel-config';
import {
  accessEventBundle,
  disbursementBundle,
  fixture,
  flipBase64,
  flipByte,
  flipChar,
  flipHex,
  locate,
  mvccInvalidBundle,
  signedCheckpoint,
  tamperEnvelope,
} from './testing/fixtures';
import { chainTipOf, verifyBundle, type VerifyOptions } from './verify-bundle';

const TRUST = fixture<TrustAnchor>('trust.json');
const verify = (bundle: unknown, options: VerifyOptions = {}) => verifyBundle(bundle, { trust: TRUST, ...options });
const failedChecks = (bundle: unknown, options?: VerifyOptions): CheckName[] =>
  verify(bundle, options).checks.filter((c) => !c.ok).map((c) => c.check);

/** The named check fails, and nothing fails but it and the checks the change necessarily also breaks. */
function expectFailure(bundle: unknown, check: CheckName, alsoBroken: CheckName[] = [], options?: VerifyOptions) {
  const failed = failedChecks(bundle, options);
  expect(failed).toContain(check);
  expect(failed.filter((c) => c !== check && !alsoBroken.includes(c))).toEqual([]);
}

describe('bundles captured from a real network', () => {
  test.each([
    ['a disbursement', disbursementBundle],
    ['an access event', accessEventBundle],
  ])('the bundle of %s passes every check', (_, bundle) => {
    const result = verify(bundle());
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test('an access-event bundle also checks the Merkle path', () => {
    expect(verify(accessEventBundle()).checks.map((c) => c.check)).toContain('merkle-path');
  });

  test('a transaction Fabric marked MVCC_READ_CONFLICT fails on the validation checks alone', () => {
    const result = verify(mvccInvalidBundle());
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ check: 'validation-code', detail: expect.stringContaining('MVCC_READ_CONFLICT') }),
      expect.objectContaining({ check: 'validation-attestations', detail: expect.stringContaining('MVCC_READ_CONFLICT') }),
    ]);
  });

  test("the MVCC-invalid bundle with its block metadata rewritten to VALID still fails: the peers' signed answers say otherwise", () => {
    const b = mvccInvalidBundle();
    const codes = Buffer.from(b.block.validationCodes, 'hex');
    codes[b.transaction.index] = 0;
    const result = verify({ ...b, block: { ...b.block, validationCodes: codes.toString('hex') } });
    expect(result.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['validation-attestations']);
  });

  test('the tip hash a peer reported (qscc GetChainInfo) is the hash of the last header, and each previous hash is the hash before it', () => {
    const bundle = disbursementBundle();
    const chain = [bundle.block.header, ...bundle.headers].map(headerFields);
    for (let i = 1; i < chain.length; i++) expect(blockHeaderHash(chain[i - 1])).toEqual(chain[i].previousHash);
    // The checkpoint's tip hash is GetChainInfo's currentBlockHash, as the peer computed and signed it.
    const { tip } = readCheckpoint(signedCheckpoint(), 'welfare');
    expect(tip.number).toBe(chain[chain.length - 1].number);
    expect(blockHeaderHash(chain[chain.length - 1]).toString('hex')).toBe(tip.hash);
  });

  test('a signed checkpoint the chain passes through is accepted, and so is a trusted tip', () => {
    const bundle = disbursementBundle();
    expect(verify(bundle, { checkpoint: signedCheckpoint(), trustedTip: chainTipOf(bundle) }).ok).toBe(true);
    expect(verify(bundle, { trustedTip: { number: bundle.block.header.number, hash: blockHeaderHash(headerFields(bundle.block.header)).toString('hex') } }).ok).toBe(true);
  });
});

describe('one byte changed in a bundle fails the check that covers it', () => {
  const tx = disbursementBundle;
  const otherEntry = (b: ProofBundle) => (b.transaction.index + 1) % b.block.data.length;

  test('envelope: not the block entry any more -> transaction-in-block', () => {
    const b = tx();
    const envelope = flipBase64(b.transaction.envelope, Buffer.from(b.transaction.envelope, 'base64').length - 1);
    expectFailure({ ...b, transaction: { ...b.transaction, envelope } }, 'transaction-in-block', ['creator-signature', 'validation-attestations']);
  });

  test('transaction index beyond the block -> transaction-in-block', () => {
    const b = tx();
    expectFailure({ ...b, transaction: { ...b.transaction, index: b.block.data.length } }, 'transaction-in-block', ['validation-code']);
  });

  test('header data hash -> data-hash (and the header no longer links to the next)', () => {
    const b = tx();
    const header = { ...b.block.header, dataHash: flipHex(b.block.header.dataHash) };
    expectFailure({ ...b, block: { ...b.block, header } }, 'data-hash', ['header-chain', 'orderer-signatures']);
  });

  test('header previous hash -> header-chain', () => {
    const b = tx();
    const header = { ...b.block.header, previousHash: flipHex(b.block.header.previousHash, 31) };
    expectFailure({ ...b, block: { ...b.block, header } }, 'header-chain', ['orderer-signatures']);
  });

  test('header block number -> header-chain', () => {
    const b = tx();
    expectFailure({ ...b, block: { ...b.block, header: { ...b.block.header, number: b.block.header.number + 1 } } }, 'header-chain', ['orderer-signatures']);
  });

  test('another data entry of the block -> data-hash', () => {
    const b = mvccInvalidBundle();
    const data = [...b.block.data];
    data[otherEntry(b)] = flipBase64(data[otherEntry(b)], 100);
    expectFailure({ ...b, block: { ...b.block, data } }, 'data-hash', ['validation-code', 'validation-attestations']);
  });

  test('previous hash in a later header -> header-chain', () => {
    const b = tx();
    expect(b.headers.length).toBeGreaterThan(0);
    const headers = b.headers.map((h, i) => (i === 0 ? { ...h, previousHash: flipHex(h.previousHash, 5) } : h));
    expectFailure({ ...b, headers }, 'header-chain');
  });

  test('the tip hash -> header-chain', () => {
    const b = tx();
    expectFailure({ ...b, tip: { ...b.tip, hash: flipHex(b.tip.hash, 0) } }, 'header-chain');
  });

  test('validation code VALID -> MVCC_READ_CONFLICT: validation-code', () => {
    const b = tx();
    const codes = Buffer.from(b.block.validationCodes, 'hex');
    codes[b.transaction.index] = 11;
    expectFailure({ ...b, block: { ...b.block, validationCodes: codes.toString('hex') } }, 'validation-code');
  });

  test("a peer's signed answer on the validation code -> validation-attestations", () => {
    const b = tx();
    const attestations = b.attestations.map((a, i) => (i === 0 ? { ...a, proposalResponse: flipBase64(a.proposalResponse, Buffer.from(a.proposalResponse, 'base64').length - 3) } : a));
    expectFailure({ ...b, attestations }, 'validation-attestations');
  });

  test("a single org's word on the validation code is not enough -> validation-attestations", () => {
    const b = tx();
    expect(b.attestations).toHaveLength(3);
    expect(verify({ ...b, attestations: b.attestations.slice(0, 2) }).ok).toBe(true);
    const result = verify({ ...b, attestations: [b.attestations[0], b.attestations[0]] });
    expect(result.checks.filter((c) => !c.ok)).toEqual([expect.objectContaining({ check: 'validation-attestations', detail: expect.stringContaining('a majority of 3 orgs (2) is needed') })]);
  });

  test("another transaction's signed answer -> validation-attestations", () => {
    const b = tx();
    const other = accessEventBundle().attestations;
    const result = verify({ ...b, attestations: [other[0], ...b.attestations.slice(1)] });
    expect(result.checks.filter((c) => !c.ok)).toEqual([expect.objectContaining({ check: 'validation-attestations', detail: expect.stringContaining('another envelope') })]);
  });

  test('endorsement signature -> endorsement-signatures', () => {
    expectFailure(tamperEnvelope(tx(), locate.endorsementSignature), 'endorsement-signatures', ['data-hash', 'creator-signature', 'endorsement-policy', 'validation-attestations']);
  });

  test("endorser's certificate -> endorser-certificates", () => {
    expectFailure(tamperEnvelope(tx(), locate.endorserCertificate), 'endorser-certificates', [
      'data-hash', 'creator-signature', 'endorsement-signatures', 'endorsement-policy', 'validation-attestations',
    ]);
  });

  test('an MSP root certificate in the genesis config -> config-chain and trust-anchor (and nothing that needs the MSPs passes)', () => {
    const b = tx();
    const entry = Buffer.from(b.configChain[0].data[0], 'base64');
    const root = readChannelConfig(entry).msps.get('FinanceMSP')!.rootCerts[0].toString();
    const at = entry.indexOf(Buffer.from(root.split('\n')[3]));
    const configChain = [{ ...b.configChain[0], data: [flipByte(entry, at + 10).toString('base64')] }];
    const failed = failedChecks({ ...b, configChain });
    expect(failed).toEqual(expect.arrayContaining(['trust-anchor', 'config-chain', 'orderer-signatures', 'creator-signature', 'endorser-certificates']));
  });

  test('a value written in the envelope -> the endorsers did not sign it: endorsement-signatures', () => {
    expectFailure(tamperEnvelope(tx(), locate.writtenValue), 'endorsement-signatures', [
      'data-hash', 'creator-signature', 'endorsement-policy', 'write-set', 'validation-attestations',
    ]);
  });

  test('the claimed value -> write-set', () => {
    const b = tx();
    const claims = b.claims.map((c, i) => (i === 0 ? { ...c, value: flipChar(c.value, 10) } : c));
    expectFailure({ ...b, claims }, 'write-set');
  });

  test('the claimed key -> write-set', () => {
    const b = tx();
    const claims = b.claims.map((c, i) => (i === 0 ? { ...c, key: flipChar(c.key, c.key.length - 2) } : c));
    expectFailure({ ...b, claims }, 'write-set');
  });

  test('a Merkle path node -> merkle-path', () => {
    const b = accessEventBundle();
    const path = b.accessEvent!.path.map((p, i) => (i === 0 ? flipHex(p, 31) : p));
    expectFailure({ ...b, accessEvent: { ...b.accessEvent!, path } }, 'merkle-path');
  });

  test('the access event itself -> merkle-path', () => {
    const b = accessEventBundle();
    const event = { ...b.accessEvent!.event, datasetCode: flipChar(b.accessEvent!.event.datasetCode, 0) };
    expectFailure({ ...b, accessEvent: { ...b.accessEvent!, event } }, 'merkle-path');
  });

  test('the leaf index -> merkle-path', () => {
    const b = accessEventBundle();
    expectFailure({ ...b, accessEvent: { ...b.accessEvent!, leafIndex: b.accessEvent!.leafIndex ^ 1 } }, 'merkle-path');
  });

  test('the anchored root in the claim -> write-set only: merkle-path reads the root from the proven write, not the claim', () => {
    const b = accessEventBundle();
    const record = JSON.parse(b.claims[0].value);
    const value = JSON.stringify({ ...record, root: flipHex(record.root, 0) });
    const failed = failedChecks({ ...b, claims: [{ ...b.claims[0], value }] });
    expect(failed).toEqual(['write-set']);
  });

  test("the peer's signature on the checkpoint -> checkpoint", () => {
    const cp = signedCheckpoint();
    const response = Buffer.from(cp.proposalResponse, 'base64');
    expectFailure(tx(), 'checkpoint', [], { checkpoint: { ...cp, proposalResponse: flipByte(response, response.length - 5).toString('base64') } });
  });

  test("the checkpoint's informational tip is not what is checked: changing it changes nothing", () => {
    const cp = signedCheckpoint();
    expect(verify(tx(), { checkpoint: { ...cp, tip: { number: 1, hash: '00'.repeat(32) } } }).ok).toBe(true);
  });

  test('a trusted tip with another hash -> trusted-tip: the chains differ', () => {
    const tip = chainTipOf(tx());
    const result = verify(tx(), { trustedTip: { ...tip, hash: flipHex(tip.hash, 3) } });
    expect(result.checks.filter((c) => !c.ok)).toEqual([expect.objectContaining({ check: 'trusted-tip', detail: expect.stringContaining('the chains differ') })]);
  });

  test('a trusted tip beyond the bundle -> trusted-tip: fetch the bundle again', () => {
    const tip = chainTipOf(tx());
    expect(verify(tx(), { trustedTip: { ...tip, number: tip.number + 5 } }).checks.find((c) => c.check === 'trusted-tip')?.detail).toMatch(/fetch the bundle again/);
  });

  test('a trusted tip before the bundle -> trusted-tip: ask with ?since', () => {
    expect(verify(tx(), { trustedTip: { number: 1, hash: '00'.repeat(32) } }).checks.find((c) => c.check === 'trusted-tip')?.detail).toMatch(/since=1/);
  });
});

describe('what is not a bundle', () => {
  test.each([
    ['not an object', 'hello'],
    ['another format', { format: 'something-else' }],
    ['a later version', { ...disbursementBundle(), version: 3 }],
    ['a bundle without its block', { ...disbursementBundle(), block: undefined }],
    ['an access-event bundle without its path', { ...accessEventBundle(), accessEvent: undefined }],
  ])('%s fails bundle-format and nothing else runs', (_, input) => {
    const result = verify(input);
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => c.check)).toEqual(['bundle-format']);
  });

  test('undecodable base64 in an entry fails the checks that need it, naming the problem', () => {
    const b = disbursementBundle();
    const result = verify({ ...b, transaction: { ...b.transaction, envelope: '%%%' } });
    expect(result.checks.find((c) => c.check === 'transaction-in-block')?.detail).toMatch(/does not decode/);
    expect(result.checks.find((c) => c.check === 'data-hash')?.ok).toBe(true);
  });
});

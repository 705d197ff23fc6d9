/**
 * The forgery table: bundles an attacker could hand an auditor — internally consistent (hashes
 * recomputed, signatures made with keys the attacker holds), not merely flipped bytes — each
 * refused by a named check with a clear message. Genuine bundles come from a real network
 * (fixtures/) and from a channel forged with our own CAs and orderer keys (ForgedNetwork), which
 * verifies under its own trust anchor and under no other.
 */
import { accessEventLeaf, leafHash, type AccessEvent } from '@welfare-ledger/chaincode/lib';
import { createHash } from 'node:crypto';
import { blockDataHash, blockHeaderHash } from './block-hash';
import type { ProofBundle, TrustAnchor } from './bundle';
import { headerFields } from './bundle-context';
import type { CheckName } from './check';
import type { PeerCheckpoint } from './checkpoint';
import { ForgedNetwork, ORDERER_ORG, type Identity } from './testing/forged-network';
import { accessEventBundle, disbursementBundle, fixture, locate, mvccInvalidBundle, signedCheckpoint, tamperEnvelope } from './testing/fixtures';
import { verifyBundle, type VerifyOptions } from './verify-bundle';

const realTrust = () => fixture<TrustAnchor>('trust.json');
const LINE_KEY = '\u0000line\u0000FORGED-1\u0000';
const LINE_VALUE = '{"amountFen":100}';
const lineClaim = { namespace: 'welfare', key: LINE_KEY, value: LINE_VALUE };

/** A forged channel with one transaction (block 1) and one later block; `prepare` may change the network first. */
function forgedChannel(options: { prepare?: (net: ForgedNetwork) => void; endorsers?: (net: ForgedNetwork) => Identity[]; signer?: (net: ForgedNetwork) => Identity | null } = {}) {
  const net = new ForgedNetwork();
  options.prepare?.(net);
  const tx = net.transaction({ endorsers: options.endorsers?.(net), writes: [{ key: LINE_KEY, value: LINE_VALUE }] });
  const { number } = net.appendBlock([tx.envelope], { signer: options.signer ? options.signer(net) : undefined });
  net.appendBlock([net.transaction().envelope]);
  return { net, tx, number, bundle: net.bundle(number, [lineClaim]) };
}

/** A bundle with one envelope of the forged channel replaced by `envelope`, ordered and signed by the channel's orderer. */
function orderedBundle(net: ForgedNetwork, envelope: Uint8Array): ProofBundle {
  const { number } = net.appendBlock([envelope]);
  return net.bundle(number, [lineClaim]);
}

function madeUpEvent(base: AccessEvent): AccessEvent {
  return { ...base, eventId: 'AE-made-up', purpose: 'STATISTICS', resultCount: 0 };
}

interface Forgery {
  bundle: unknown;
  options?: VerifyOptions;
}

const cases: Array<[string, () => Forgery, CheckName, RegExp]> = [
  ['forged access event: claims emptied, a made-up event under a one-leaf root', () => {
    const b = accessEventBundle();
    const event = madeUpEvent(b.accessEvent!.event);
    return { bundle: { ...b, claims: [], accessEvent: { ...b.accessEvent!, event, leafIndex: 0, treeSize: 1, path: [] } }, options: { trust: realTrust() } };
  }, 'merkle-path', /the anchor holds \d+ events, the path is for a tree of 1/],
  ['forged access event: the anchor claim rewritten to hold the made-up root', () => {
    const b = accessEventBundle();
    const event = madeUpEvent(b.accessEvent!.event);
    const anchor = JSON.parse(b.claims[0].value);
    const value = JSON.stringify({ ...anchor, root: leafHash(accessEventLeaf(event)).toString('hex'), count: 1 });
    return { bundle: { ...b, claims: [{ ...b.claims[0], value }], accessEvent: { ...b.accessEvent!, event, leafIndex: 0, treeSize: 1, path: [] } }, options: { trust: realTrust() } };
  }, 'write-set', /is not the value the transaction wrote/],
  ['forged access event: the anchor key pointed at a record the transaction did not write', () => {
    const b = accessEventBundle();
    const anchorKey = '\u0000accessBatch\u0000AB-made-up\u0000';
    const event = madeUpEvent(b.accessEvent!.event);
    const claims = [{ namespace: 'welfare', key: anchorKey, value: JSON.stringify({ batchId: 'AB-made-up', root: leafHash(accessEventLeaf(event)).toString('hex'), count: 1 }) }];
    return { bundle: { ...b, claims, accessEvent: { ...b.accessEvent!, event, batchId: 'AB-made-up', anchorKey, leafIndex: 0, treeSize: 1, path: [] } }, options: { trust: realTrust() } };
  }, 'merkle-path', /wrote no anchor record accessBatch\/AB-made-up/],
  ['a bundle with nothing to prove (no claims)', () => ({ bundle: { ...disbursementBundle(), claims: [] }, options: { trust: realTrust() } }), 'write-set', /claims no key\/value: it proves nothing/],
  ['claims moved between transactions (a disbursement\'s line claimed by an access-event anchor)', () => {
    const b = accessEventBundle();
    return { bundle: { ...b, kind: 'transaction', accessEvent: undefined, claims: disbursementBundle().claims }, options: { trust: realTrust() } };
  }, 'write-set', /the transaction wrote no key line\//],
  ['a self-made bundle: a private copy of the network with its own CAs and orderers', () => ({ bundle: forgedChannel().bundle, options: { trust: realTrust() } }), 'trust-anchor', /not to your trust anchor's .*another network, or a forged one/],
  ['a bundle for another channel than the trust anchor names', () => ({ bundle: disbursementBundle(), options: { trust: { ...realTrust(), channel: 'elsewhere' } } }), 'trust-anchor', /for channel welfare, your trust anchor for elsewhere/],
  ['a config block swapped for an older one', () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined);
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    const bundle = net.bundle(number, [lineClaim]);
    return { bundle: { ...bundle, configChain: bundle.configChain.slice(0, 1) }, options: { trust: net.trust } };
  }, 'config-chain', /ordered under config block 1 .*ends at config block 0/],
  ['a configuration skipped in the config chain', () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined);
    net.updateConfig(() => undefined);
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    const bundle = net.bundle(number, [lineClaim]);
    return { bundle: { ...bundle, configChain: [bundle.configChain[0], bundle.configChain[2]] }, options: { trust: net.trust } };
  }, 'config-chain', /sequence 2, the one before 0: a configuration is missing/],
  ['a config update (new MSP roots, CRLs) signed by an OrdererMSP client, not an orderer node', () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined, { signer: net.identity(ORDERER_ORG, 'client') });
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    return { bundle: net.bundle(number, [lineClaim]), options: { trust: net.trust } };
  }, 'config-chain', /config block 1 is not signed under \/Channel\/Orderer\/BlockValidation .*is not an orderer node/],
  ["a config update of FinanceMSP's MSP signed by one of its clients, not its admin", () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined, { updateSigners: [net.clients.get('FinanceMSP')!] });
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    return { bundle: net.bundle(number, [lineClaim]), options: { trust: net.trust } };
  }, 'config-chain', /config block 1: it changes \/Channel\/Application\/Finance\/MSP without \/Channel\/Application\/Finance\/Admins/],
  ["a config update of FinanceMSP's MSP signed by another org's admin", () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined, { updateSigners: [net.admins.get('AuditMSP')!] });
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    return { bundle: net.bundle(number, [lineClaim]), options: { trust: net.trust } };
  }, 'config-chain', /without \/Channel\/Application\/Finance\/Admins \(FinanceMSP's Admins policy\)/],
  ['a config block with MSP roots the signed update does not hold (smuggled in by an orderer)', () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined, { smuggleRootOf: 'CivilAffairsMSP' });
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    return { bundle: net.bundle(number, [lineClaim]), options: { trust: net.trust } };
  }, 'config-chain', /it changes \/Channel\/Application\/CivilAffairs\/MSP, which the signed update does not/],
  ['a revoked endorser (its CRL in the config in effect)', () => {
    const { net, bundle } = forgedChannel({ prepare: (n) => { n.revoke(n.peers.get('FinanceMSP')!); n.updateConfig(() => undefined); } });
    return { bundle, options: { trust: net.trust } };
  }, 'endorser-certificates', /is revoked by a CRL of FinanceMSP/],
  ['an orderer signature from a non-consenter (an OrdererMSP client)', () => {
    const { net, bundle } = forgedChannel({ signer: (n) => n.identity(ORDERER_ORG, 'client') });
    return { bundle, options: { trust: net.trust } };
  }, 'orderer-signatures', /of OrdererMSP is not an orderer node/],
  ["an orderer signature from another network's orderer", () => {
    const other = new ForgedNetwork('welfare', 'elsewhere');
    const { net, bundle } = forgedChannel({ signer: () => other.orderer });
    return { bundle, options: { trust: net.trust } };
  }, 'orderer-signatures', /does not chain to a OrdererMSP root CA/],
  ['a block without orderer signatures', () => {
    const { net, bundle } = forgedChannel({ signer: () => null });
    return { bundle, options: { trust: net.trust } };
  }, 'orderer-signatures', /does not satisfy \/Channel\/Orderer\/BlockValidation/],
  ["a block altered and re-hashed, keeping the orderers' signature", () => {
    const b = tamperEnvelope(disbursementBundle(), locate.writtenValue);
    const dataHash = blockDataHash(b.block.data.map((d) => Buffer.from(d, 'base64'))).toString('hex');
    return { bundle: { ...b, block: { ...b.block, header: { ...b.block.header, dataHash } } }, options: { trust: realTrust() } };
  }, 'orderer-signatures', /signature of a OrdererMSP identity does not verify over the block/],
  ['a truncated header chain (a header left out)', () => {
    const b = disbursementBundle();
    return { bundle: { ...b, headers: b.headers.slice(1) }, options: { trust: realTrust() } };
  }, 'header-chain', /a header is missing or misnumbered/],
  ['a later header fabricated to fake a newer tip, checked against a kept checkpoint', () => {
    const { net, bundle } = forgedChannel();
    const checkpoint = net.checkpoint(net.peers.get('AuditMSP')!);
    const last = bundle.headers[bundle.headers.length - 1];
    const fake = { ...last, dataHash: createHash('sha256').update('a block that never was').digest('hex') };
    const tipHash = blockHeaderHash(headerFields(fake)).toString('hex');
    return { bundle: { ...bundle, headers: [...bundle.headers.slice(0, -1), fake], tip: { number: fake.number, hash: tipHash } }, options: { trust: net.trust, checkpoint } };
  }, 'checkpoint', /the chains differ/],
  ['a checkpoint from a client identity', () => {
    const { net, bundle } = forgedChannel();
    return { bundle, options: { trust: net.trust, checkpoint: net.checkpoint(net.clients.get('AuditMSP')!) } };
  }, 'checkpoint', /signed by an identity of AuditMSP that is not one of its peers/],
  ["a checkpoint naming one org, signed by another org's peer", () => {
    const { net, bundle } = forgedChannel();
    return { bundle, options: { trust: net.trust, checkpoint: net.checkpoint(net.peers.get('FinanceMSP')!, 'AuditMSP') } };
  }, 'checkpoint', /names AuditMSP but is signed by an identity of FinanceMSP/],
  ['a checkpoint a gateway signed itself (the old signed-JSON kind)', () => ({
    bundle: disbursementBundle(),
    options: { trust: realTrust(), checkpoint: { format: 'welfare-ledger/checkpoint', version: 1, channel: 'welfare', tip: { number: 1, hash: '00'.repeat(32) }, signature: 'AAAA' } as unknown as PeerCheckpoint },
  }), 'checkpoint', /not a welfare-ledger\/checkpoint version 2 document/],
  ["a checkpoint whose signed answer is to another proposal than the one it carries", () => {
    const { net, bundle } = forgedChannel();
    const peer = net.peers.get('AuditMSP')!;
    const checkpoint = { ...net.checkpoint(peer), proposal: net.checkpoint(peer).proposal };
    return { bundle, options: { trust: net.trust, checkpoint } };
  }, 'checkpoint', /the answer is not to the proposal the checkpoint carries/],
  ["a checkpoint from the real network's peer for a forged network's bundle", () => {
    const { net, bundle } = forgedChannel();
    return { bundle, options: { trust: net.trust, checkpoint: signedCheckpoint() } };
  }, 'checkpoint', /does not chain to a AuditMSP root CA/],
  ["crosslinking: another client wraps transaction A's endorsements in its own transaction", () => {
    const { net, tx } = forgedChannel();
    return { bundle: orderedBundle(net, net.crosslink(tx, net.clients.get('CivilAffairsMSP')!, 'attacker')), options: { trust: net.trust } };
  }, 'transaction-integrity', /the endorsers signed the answer to another proposal/],
  ["crosslinking: transaction A's action, with A's signature header, inside another creator's envelope", () => {
    const { net, tx } = forgedChannel();
    return { bundle: orderedBundle(net, net.crosslink(tx, net.clients.get('CivilAffairsMSP')!, 'original')), options: { trust: net.trust } };
  }, 'transaction-integrity', /proposed by another creator than the one who signed the transaction \(crosslinked\)/],
  ['a txId not derived from the nonce and creator', () => {
    const { net, tx } = forgedChannel();
    return { bundle: orderedBundle(net, net.withFreshNonce(tx, net.clients.get('FinanceMSP')!)), options: { trust: net.trust } };
  }, 'transaction-integrity', /is not SHA-256\(nonce ‖ creator\)/],
  ['an endorsement by a client of the org, not one of its peers', () => {
    const { net, bundle } = forgedChannel({ endorsers: (n) => [n.clients.get('FinanceMSP')!, n.peers.get('AuditMSP')!] });
    return { bundle, options: { trust: net.trust } };
  }, 'endorsement-policy', /MAJORITY Endorsement of 3 orgs needs 2\) is not satisfied: only AuditMSP endorsed validly/],
  ['an endorser certificate from our own CA claiming to be FinanceMSP', () => {
    const other = new ForgedNetwork('welfare', 'elsewhere');
    const { net, bundle } = forgedChannel({ endorsers: (n) => [n.identity('FinanceMSP', 'peer', { issuer: other.cas.get('FinanceMSP') }), n.peers.get('AuditMSP')!] });
    return { bundle, options: { trust: net.trust } };
  }, 'endorser-certificates', /does not chain to a FinanceMSP root CA/],
  ['an endorser certificate expired before the transaction', () => {
    const { net, bundle } = forgedChannel({ endorsers: (n) => [n.identity('FinanceMSP', 'peer', { notAfter: new Date(Date.UTC(2025, 0, 1)) }), n.peers.get('AuditMSP')!] });
    return { bundle, options: { trust: net.trust } };
  }, 'endorser-certificates', /was not valid at 2026-06-01/],
  ['an MVCC-invalid transaction with its block metadata rewritten to VALID', () => {
    const b = mvccInvalidBundle();
    const codes = Buffer.from(b.block.validationCodes, 'hex');
    codes[b.transaction.index] = 0;
    return { bundle: { ...b, block: { ...b.block, validationCodes: codes.toString('hex') } }, options: { trust: realTrust() } };
  }, 'validation-attestations', /signed that it committed the transaction as MVCC_READ_CONFLICT/],
  ["a validation attestation signed by a client, not the org's peer", () => {
    const { net, bundle } = forgedChannel();
    const envelope = Buffer.from(bundle.transaction.envelope, 'base64');
    const attestations = bundle.attestations.map((a) => (a.org === 'FinanceMSP' ? { ...a, proposalResponse: net.attestation(net.clients.get('FinanceMSP')!, envelope) } : a));
    return { bundle: { ...bundle, attestations }, options: { trust: net.trust } };
  }, 'validation-attestations', /the answer for FinanceMSP is not signed by one of its peers/],
  ["a validation attestation given as one org's, signed by another org's peer", () => {
    const { net, bundle } = forgedChannel();
    const envelope = Buffer.from(bundle.transaction.envelope, 'base64');
    const attestations = bundle.attestations.map((a) => (a.org === 'FinanceMSP' ? { ...a, proposalResponse: net.attestation(net.peers.get('AuditMSP')!, envelope) } : a));
    return { bundle: { ...bundle, attestations }, options: { trust: net.trust } };
  }, 'validation-attestations', /the answer given as FinanceMSP's is signed by an identity of AuditMSP/],
  ['a genuine bundle relabelled with another txId', () => ({ bundle: { ...disbursementBundle(), txId: accessEventBundle().txId }, options: { trust: realTrust() } }), 'transaction-in-block', /the envelope is transaction [0-9a-f]+, not /],
  ['a config chain that does not start at the genesis block', () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined);
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    const bundle = net.bundle(number, [lineClaim]);
    return { bundle: { ...bundle, configChain: bundle.configChain.slice(1) }, options: { trust: net.trust } };
  }, 'trust-anchor', /the config chain starts at block 1, not at the genesis block/],
];

describe('the forgery table: each forged bundle is refused by a named check', () => {
  test('the table holds at least 25 forgeries', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  test.each(cases.map(([name, forge, check, message]) => [name, check, message, forge] as const))('%s -> refused by %s', (_, check, message, forge) => {
    const { bundle, options } = forge();
    const result = verifyBundle(bundle, options);
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.check === check)).toEqual(expect.objectContaining({ ok: false, detail: expect.stringMatching(message) }));
  });
});

describe('genuine bundles, and what a trust anchor decides', () => {
  test("a forged channel's genuine bundle verifies under its own trust anchor, with a checkpoint of its peer", () => {
    const { net, bundle } = forgedChannel();
    const result = verifyBundle(bundle, { trust: net.trust, checkpoint: net.checkpoint(net.peers.get('AuditMSP')!) });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test('config updates are followed: a transaction under the second config verifies with the chain of three config blocks', () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined);
    net.updateConfig(() => undefined);
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    const result = verifyBundle(net.bundle(number, [lineClaim]), { trust: net.trust });
    expect(result.checks.find((c) => c.check === 'config-chain')?.detail).toMatch(/^config blocks 0, 1, 2, each signed under the one before; block 2 \(sequence 2\) is in effect/);
    expect(result.ok).toBe(true);
  });

  test('a revocation takes effect from its config block on: an endorsement before it still verifies', () => {
    const net = new ForgedNetwork();
    const before = net.appendBlock([net.transaction({ writes: [{ key: LINE_KEY, value: LINE_VALUE }] }).envelope]);
    net.revoke(net.peers.get('FinanceMSP')!);
    net.updateConfig(() => undefined);
    expect(verifyBundle(net.bundle(before.number, [lineClaim]), { trust: net.trust }).ok).toBe(true);
  });

  test('without a trust anchor even a self-made bundle is only consistent, never VERIFIED', () => {
    const result = verifyBundle(forgedChannel().bundle);
    expect(result.consistent).toBe(true);
    expect(result.anchored).toBe(false);
    expect(result.ok).toBe(false);
  });

  test.each([
    ['a disbursement', disbursementBundle],
    ['an access event', accessEventBundle],
  ])('the real network\'s bundle of %s verifies under the real trust anchor', (_, bundle) => {
    const result = verifyBundle(bundle(), { trust: realTrust(), checkpoint: signedCheckpoint() });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test("the orderers' signature covers the real block's header: the signed block is the one whose hash the next block links to", () => {
    const b = disbursementBundle();
    expect(blockHeaderHash(headerFields(b.block.header)).toString('hex')).toBe(b.headers[0].previousHash);
  });
});

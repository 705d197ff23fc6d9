import { common } from '@hyperledger/fabric-protos';
import { blockDataHash } from '../block-hash';
import { memorySource, ORGS } from '../testing/block-sources';
import type { TrustAnchor } from '../bundle';
import { ForgedNetwork, ORDERER_ORG } from '../testing/forged-network';
import { chainBlocks, fixture, flipByte } from '../testing/fixtures';
import { formatAuditReport } from './audit-report';
import { auditChain } from './chain-audit';
import { substituteBlock } from './block-source';

const blocks = chainBlocks();
const honest = () => ORGS.map((org) => memorySource(org, blocks));

/** Alters one data entry of a block and re-hashes its header, so the block is consistent in itself. */
function forgeBlock(block: common.Block): common.Block {
  const forged = common.Block.deserializeBinary(block.serializeBinary());
  const entries = forged.getData()!.getDataList_asU8();
  entries[0] = flipByte(entries[0], -1);
  forged.getData()!.setDataList(entries);
  forged.getHeader()!.setDataHash(blockDataHash(entries));
  return forged;
}

function flipValidationCode(block: common.Block): common.Block {
  const changed = common.Block.deserializeBinary(block.serializeBinary());
  const metadata = changed.getMetadata()!.getMetadataList_asU8();
  const codes = Buffer.from(metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER]);
  codes[0] = 11;
  metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = codes;
  changed.getMetadata()!.setMetadataList(metadata);
  return changed;
}

describe('whole-chain audit over blocks a real network produced', () => {
  test('three identical copies: no finding; every VALID transaction re-verified, lifecycle approvals under their own org policy', async () => {
    const progress: number[] = [];
    const report = await auditChain(honest(), { onProgress: (done) => progress.push(done) });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.blocks).toBe(blocks.length);
    expect(report.validTransactions).toBeGreaterThanOrEqual(blocks.length - 1);
    expect(report.endorsementsVerified).toBeGreaterThan(report.validTransactions);
    expect(progress).toEqual(blocks.map((_, i) => i + 1));
    expect(formatAuditReport(report).at(-1)).toMatch(/^no finding/);
  });

  test('one org delivers a forged block (re-hashed): divergence at that block, and its next block no longer links', async () => {
    const [civil, finance, audit] = honest();
    const report = await auditChain([civil, substituteBlock(finance, 5, forgeBlock), audit]);
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'divergence', blockNumber: 5, detail: expect.stringContaining('FinanceMSP') }),
      expect.objectContaining({ kind: 'header-chain', blockNumber: 6, org: 'FinanceMSP' }),
    ]));
    expect(report.findings.every((f) => f.blockNumber === 5 || f.blockNumber === 6)).toBe(true);
    expect(formatAuditReport(report).join('\n')).toMatch(/FINDING divergence at block 5/);
  });

  test('one org delivers a block whose data does not match its header: data-hash at that block, and its transactions no longer verify', async () => {
    const [civil, finance, audit] = honest();
    const tampered = substituteBlock(audit, 4, (block) => {
      const changed = common.Block.deserializeBinary(block.serializeBinary());
      changed.getData()!.setDataList(changed.getData()!.getDataList_asU8().map((entry) => flipByte(entry, 200)));
      return changed;
    });
    const report = await auditChain([civil, finance, tampered]);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'data-hash', blockNumber: 4, org: 'AuditMSP' }),
    ]));
    expect(report.findings.some((f) => f.kind === 'endorsement' && f.org === 'AuditMSP')).toBe(true);
  });

  test('one org reports another validation code for a transaction: divergence naming the codes', async () => {
    const [civil, finance, audit] = honest();
    const report = await auditChain([substituteBlock(civil, 6, flipValidationCode), finance, audit]);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'divergence', blockNumber: 6, detail: expect.stringContaining('CivilAffairsMSP [MVCC_READ_CONFLICT') }),
    ]);
  });

  test('a peer with fewer blocks: the common blocks are compared and the heights reported', async () => {
    const report = await auditChain([memorySource('CivilAffairsMSP', blocks.slice(0, 5)), ...honest().slice(1)]);
    expect(report.blocks).toBe(5);
    expect(report.ok).toBe(true);
    expect(formatAuditReport(report).join('\n')).toMatch(/different heights/);
  });

  test('a block delivered under another number is reported for that org', async () => {
    const [civil, finance, audit] = honest();
    const renumbered = substituteBlock(finance, 3, (block) => {
      const changed = common.Block.deserializeBinary(block.serializeBinary());
      changed.getHeader()!.setNumber(4);
      return changed;
    });
    const report = await auditChain([civil, renumbered, audit]);
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'block-number', blockNumber: 3, org: 'FinanceMSP' })]));
  });
});

describe('the audit checks orderer signatures, the config chain, the trust anchor and crosslinking', () => {
  const forgedSources = (net: ForgedNetwork) => ORGS.map((org) => memorySource(org, net.blocks.map((b) => b.serializeBinary())));

  test('the real chain under its trust anchor: no finding; under another network\'s anchor: a trust-anchor finding at block 0', async () => {
    const anchored = await auditChain(honest(), { trust: fixture<TrustAnchor>('trust.json') });
    expect(anchored.findings).toEqual([]);
    expect(formatAuditReport(anchored).join('\n')).not.toMatch(/no trust file/);
    expect(formatAuditReport(await auditChain(honest())).join('\n')).toMatch(/^note: no trust file: block 0 was not checked/m);
    const report = await auditChain(honest(), { trust: new ForgedNetwork().trust });
    expect(report.findings.filter((f) => f.kind === 'trust-anchor').map((f) => f.blockNumber)).toEqual([0, 0, 0]);
  });

  test('a forged channel built as Fabric builds one has no finding', async () => {
    const net = new ForgedNetwork();
    net.appendBlock([net.transaction().envelope]);
    net.updateConfig(() => undefined);
    net.appendBlock([net.transaction().envelope]);
    expect((await auditChain(forgedSources(net), { trust: net.trust })).findings).toEqual([]);
  });

  test('a block signed by an OrdererMSP client, not an orderer node: an orderer-signature finding at that block', async () => {
    const net = new ForgedNetwork();
    net.appendBlock([net.transaction().envelope]);
    net.appendBlock([net.transaction().envelope], { signer: net.identity(ORDERER_ORG, 'client') });
    const report = await auditChain(forgedSources(net));
    expect(report.findings).toEqual(ORGS.map((org) => expect.objectContaining({ kind: 'orderer-signature', blockNumber: 2, org, detail: expect.stringContaining('not an orderer node') })));
  });

  test('a block whose orderers name an older config as in effect: a config-chain finding', async () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined);
    net.appendBlock([net.transaction().envelope], { lastConfig: 0 });
    const report = await auditChain(forgedSources(net));
    expect(report.findings).toEqual(ORGS.map((org) => expect.objectContaining({ kind: 'config-chain', blockNumber: 2, org })));
  });

  test('a config block with MSP roots its signed update does not hold: a config-chain finding naming the element', async () => {
    const net = new ForgedNetwork();
    net.updateConfig(() => undefined, { smuggleRootOf: 'AuditMSP' });
    const report = await auditChain(forgedSources(net));
    expect(report.findings).toEqual(ORGS.map((org) => expect.objectContaining({ kind: 'config-chain', blockNumber: 1, org, detail: expect.stringContaining('/Channel/Application/Audit/MSP') })));
  });

  test("a crosslinked transaction (another client's envelope around A's endorsements) is reported, though its block is VALID and signed", async () => {
    const net = new ForgedNetwork();
    const a = net.transaction();
    const attacker = net.clients.get('CivilAffairsMSP')!;
    net.appendBlock([net.crosslink(a, attacker, 'original')]);
    const report = await auditChain(forgedSources(net));
    expect(report.findings).toEqual(ORGS.map((org) => expect.objectContaining({ kind: 'endorsement', blockNumber: 1, org, detail: expect.stringContaining('crosslinked') })));
  });
});

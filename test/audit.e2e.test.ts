/**
 * The whole-chain audit on the real test network: every block from each org's peer, re-verified
 * and compared. Then one org's view is made to differ in the smallest honest way — the audit's
 * block source for that org substitutes one block (a data entry changed and the header re-hashed,
 * as a tampering peer would serve it) — and the audit must name the block.
 */
import { common } from '@hyperledger/fabric-protos';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_DEADLINES, loadNetworkDescription } from '../gateway/src/config';
import { peerBlockSources, type PeerBlockSource } from '../gateway/src/proofs/peer-block-sources';
import { blockDataHash, trustFromGenesisBlock } from '../gateway/src/verify';
import type { AuditReport } from '../gateway/src/verify/audit/audit-report';
import { auditChain } from '../gateway/src/verify/audit/chain-audit';
import { substituteBlock } from '../gateway/src/verify/audit/block-source';
import { post, runTag } from './support/api';
import { networkEnv, REPO_ROOT, RUN_DIR } from './support/test-network';

const CLI = path.join(REPO_ROOT, 'gateway', 'bin', 'welfare-ledger.js');

function cliAudit(...args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('node', [CLI, 'audit', ...args], { env: networkEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}

/** The block with one data entry changed and its data hash recomputed: consistent in itself, different from the others'. */
function forged(block: common.Block): common.Block {
  const copy = common.Block.deserializeBinary(block.serializeBinary());
  const entries = copy.getData()!.getDataList_asU8().map((e) => Buffer.from(e));
  entries[0][entries[0].length - 1] ^= 0x01;
  copy.getData()!.setDataList(entries);
  copy.getHeader()!.setDataHash(blockDataHash(entries));
  return copy;
}

describe('whole-chain audit', () => {
  let sources: PeerBlockSource[];
  let targetBlock: number;

  beforeAll(async () => {
    const network = loadNetworkDescription({ WELFARE_RUN_DIR: RUN_DIR });
    sources = peerBlockSources(network, network.orgs.find((o) => o.mspId === 'AuditMSP')!, DEFAULT_DEADLINES);
    // Two writes, so that the block of the first has a successor in the audited range.
    const first = await post('/v1/programmes', 'civil-affairs-system', { id: `AUDIT_${runTag}`, nameEn: 'Audit test', nameZh: '审计测试', monthlyCapFen: 1000 });
    expect(first.status).toBe(201);
    targetBlock = first.body.blockNumber;
    expect((await post('/v1/programmes', 'civil-affairs-system', { id: `AUDIT_${runTag}_2`, nameEn: 'Audit test 2', nameZh: '审计测试二', monthlyCapFen: 1000 })).status).toBe(201);
  });

  afterAll(() => sources.forEach((s) => s.close()));

  test('`welfare-ledger audit --json` over the whole test chain reports no finding (exit 0)', async () => {
    const { code, out } = cliAudit('--json');
    const report = JSON.parse(out) as AuditReport;
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report.channelOrgs.map((o) => o.org).sort()).toEqual(['AuditMSP', 'CivilAffairsMSP', 'FinanceMSP']);
    expect(report.blocks).toBeGreaterThan(targetBlock + 1);
    expect(report.validTransactions).toBeGreaterThan(0);
    expect(report.endorsementsVerified).toBeGreaterThanOrEqual(report.validTransactions);
  });

  test('`welfare-ledger audit --trust` from the genesis block: no finding; with another channel\'s anchor, a trust-anchor finding at block 0 (exit 1)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'welfare-audit-'));
    const trust = trustFromGenesisBlock(readFileSync(path.join(RUN_DIR, 'shared', 'welfare.block')));
    writeFileSync(path.join(dir, 'trust.json'), JSON.stringify(trust));
    const anchored = cliAudit('--json', '--trust', path.join(dir, 'trust.json'));
    expect((JSON.parse(anchored.out) as AuditReport).findings).toEqual([]);
    expect(anchored.code).toBe(0);
    writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ ...trust, genesisHash: 'ab'.repeat(32) }));
    const other = cliAudit('--json', '--trust', path.join(dir, 'other.json'));
    expect(other.code).toBe(1);
    expect((JSON.parse(other.out) as AuditReport).findings).toEqual(
      ['CivilAffairsMSP', 'FinanceMSP', 'AuditMSP'].map((org) => expect.objectContaining({ kind: 'trust-anchor', blockNumber: 0, org })),
    );
  });

  test('`welfare-ledger audit` prints a summary ending in "no finding"', () => {
    const { code, out } = cliAudit();
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+ blocks, \d+ transactions \(\d+ VALID, \d+ endorsement signatures re-verified\) in [\d.]+ s$/m);
    expect(out.trim().split('\n').at(-1)).toMatch(/^no finding/);
  });

  test("one org's peer serving a forged block: the audit reports the divergence at that block number", async () => {
    const [civil, finance, audit] = sources;
    const report = await auditChain([civil, substituteBlock(finance, targetBlock, forged), audit]);
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'divergence', blockNumber: targetBlock, detail: expect.stringContaining('FinanceMSP') }),
      expect.objectContaining({ kind: 'header-chain', blockNumber: targetBlock + 1, org: 'FinanceMSP' }),
    ]));
    expect(report.findings.every((f) => f.blockNumber === targetBlock || f.blockNumber === targetBlock + 1)).toBe(true);
  });

  test("one org's peer reporting another validation code: the audit reports the divergence at that block number", async () => {
    const [civil, finance, audit] = sources;
    const flipped = substituteBlock(audit, targetBlock, (block) => {
      const copy = common.Block.deserializeBinary(block.serializeBinary());
      const metadata = copy.getMetadata()!.getMetadataList_asU8();
      const codes = Buffer.from(metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER]);
      codes[0] = codes[0] === 0 ? 11 : 0;
      metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = codes;
      copy.getMetadata()!.setMetadataList(metadata);
      return copy;
    });
    const report = await auditChain([civil, finance, flipped]);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'divergence', blockNumber: targetBlock, detail: expect.stringContaining('validation codes') })]);
  });
});

/**
 * The whole-chain audit: reads every block from a peer of each org, in lockstep, and for each
 * org's copy checks block 0 against the trust anchor (when given), the data hash, the hash link
 * to the previous block, the orderers' signatures under /Channel/Orderer/BlockValidation of the
 * config in effect and the LastConfig they sign, that each config block follows the one before
 * (sequence + 1, signed under the previous config), and re-verifies every VALID transaction
 * (txId derivation and proposal hash against crosslinking, signatures, certificates and CRLs,
 * endorsement policy). Then it compares the orgs' copies block by block (header hash,
 * validation codes) and reports any divergence with the block number.
 */
import { common } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderHash } from '../block-hash';
import type { TrustAnchor } from '../bundle';
import { hex, sameBytes, short } from '../bytes';
import { judgeBlockSignatures } from '../fabric/block-signatures';
import { configUpdateProblems } from '../fabric/config-update';
import { APPLICATION_ENDORSEMENT_POLICY, BLOCK_VALIDATION_POLICY, channelConfigOf, type ChannelConfig } from '../fabric/channel-config';
import { decodeTransaction, type DecodedTransaction } from '../fabric/transaction';
import { VALID, validationCodeName } from '../fabric/validation-codes';
import type { AuditReport, Finding } from './audit-report';
import type { BlockSource } from './block-source';
import { auditTransaction, type TransactionAudit } from './transaction-audit';

export interface AuditOptions {
  /** The chaincode's endorsement policy (default /Channel/Application/Endorsement). */
  chaincodePolicy?: string;
  onProgress?: (blocksDone: number, blocksTotal: number) => void;
  /** Stop recording findings after this many (default 1000). */
  maxFindings?: number;
  /** The channel and genesis hash the auditor holds: block 0 must be that block. */
  trust?: TrustAnchor;
}

interface OrgCopy {
  org: string;
  blocks: AsyncIterator<common.Block>;
  previousHash: Buffer | null;
  config: ChannelConfig | null;
  /** The number of the config block in effect. */
  configBlock: number;
}

interface BlockView {
  org: string;
  headerHash: string;
  validationCodes: string;
}

interface Tally {
  transactions: number;
  validTransactions: number;
  endorsementsVerified: number;
}

export async function auditChain(sources: BlockSource[], options: AuditOptions = {}): Promise<AuditReport> {
  const started = process.hrtime.bigint();
  const chaincodePolicy = options.chaincodePolicy ?? APPLICATION_ENDORSEMENT_POLICY;
  const maxFindings = options.maxFindings ?? 1000;
  const heights = await Promise.all(sources.map((s) => s.height()));
  const total = Math.min(...heights);
  const copies: OrgCopy[] = sources.map((s) => ({ org: s.org, blocks: s.blocks(0, total - 1)[Symbol.asyncIterator](), previousHash: null, config: null, configBlock: 0 }));
  const findings: Finding[] = [];
  const report = (finding: Finding) => findings.length < maxFindings && findings.push(finding);
  const tally: Tally = { transactions: 0, validTransactions: 0, endorsementsVerified: 0 };
  try {
    for (let n = 0; n < total; n++) {
      const delivered = await Promise.all(copies.map((copy) => copy.blocks.next()));
      const verdicts = new Map<string, TransactionAudit>();
      const decoded = new Map<string, DecodedTransaction | Error>();
      const views: BlockView[] = [];
      delivered.forEach((next, i) => {
        const copy = copies[i];
        if (next.done) return report({ kind: 'block-number', blockNumber: n, org: copy.org, detail: 'the peer delivered no block' });
        const view = auditBlock(copy, next.value, n, { chaincodePolicy, verdicts, decoded, report, tally: i === 0 ? tally : null, trust: options.trust });
        if (view) views.push(view);
      });
      compareViews(views, n, report);
      options.onProgress?.(n + 1, total);
    }
  } finally {
    await Promise.all(copies.map((copy) => copy.blocks.return?.()));
  }
  return {
    ok: findings.length === 0,
    channelOrgs: sources.map((s, i) => ({ org: s.org, height: heights[i] })),
    blocks: total,
    ...tally,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    anchored: !!options.trust,
    findings,
  };
}

interface BlockContext {
  chaincodePolicy: string;
  /** Verdicts on transactions already re-verified in this block (identical copies are verified once). */
  verdicts: Map<string, TransactionAudit>;
  /** Entries already decoded in this block, by the same key: the orgs' identical copies are decoded once. */
  decoded: Map<string, DecodedTransaction | Error>;
  report: (finding: Finding) => void;
  /** Counts are taken from the first org's copy only. */
  tally: Tally | null;
  trust?: TrustAnchor;
}

function auditBlock(copy: OrgCopy, block: common.Block, n: number, ctx: BlockContext): BlockView | null {
  const { org } = copy;
  const header = block.getHeader();
  if (!header || header.getNumber() !== n) {
    ctx.report({ kind: 'block-number', blockNumber: n, org, detail: `the peer delivered block ${header?.getNumber()} where block ${n} was due` });
    return null;
  }
  const entries = block.getData()?.getDataList_asU8() ?? [];
  const dataHash = blockDataHash(entries);
  if (!sameBytes(dataHash, header.getDataHash_asU8())) {
    ctx.report({ kind: 'data-hash', blockNumber: n, org, detail: `SHA-256 over the ${entries.length} data entries is ${short(hex(dataHash))}, the header says ${short(hex(header.getDataHash_asU8()))}` });
  }
  const headerHash = blockHeaderHash({ number: n, previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() });
  if (copy.previousHash && !sameBytes(copy.previousHash, header.getPreviousHash_asU8())) {
    ctx.report({ kind: 'header-chain', blockNumber: n, org, detail: `the previous hash ${short(hex(header.getPreviousHash_asU8()))} is not the hash of block ${n - 1} as this peer delivered it (${short(hex(copy.previousHash))})` });
  }
  copy.previousHash = headerHash;
  if (n === 0 && ctx.trust && hex(headerHash) !== ctx.trust.genesisHash.toLowerCase()) {
    ctx.report({ kind: 'trust-anchor', blockNumber: 0, org, detail: `block 0 hashes to ${short(hex(headerHash))}, not to your trust anchor's genesis block ${short(ctx.trust.genesisHash)}` });
  }
  if (n > 0) auditOrdererSignatures(copy, block, n, entries, hex(dataHash), ctx);
  const codes = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
  entries.forEach((entry, i) => auditEntry(copy, entry, i, codes[i], `${hex(dataHash)}:${i}`, n, ctx));
  return { org, headerHash: hex(headerHash), validationCodes: hex(codes) };
}

/** The orderers signed the block under the config in effect, and name the config block in effect (or this one, for a config block). */
function auditOrdererSignatures(copy: OrgCopy, block: common.Block, n: number, entries: Uint8Array[], dataHash: string, ctx: BlockContext): void {
  if (!copy.config) return;
  const header = block.getHeader()!;
  const signatures = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array();
  try {
    const verdict = judgeBlockSignatures(signatures, { number: n, previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() }, copy.config);
    if (!verdict.outcome.satisfied) {
      ctx.report({ kind: 'orderer-signature', blockNumber: n, org: copy.org, detail: `${BLOCK_VALIDATION_POLICY} (${verdict.outcome.description}) not satisfied${verdict.rejected.length ? `: ${verdict.rejected.join('; ')}` : ''}` });
    }
    const isConfigBlock = entries.length === 1 && typeOf(decodedOnce(entries[0], `${dataHash}:0`, ctx.decoded)) === common.HeaderType.CONFIG;
    const expected = isConfigBlock ? n : copy.configBlock;
    if (verdict.lastConfig !== expected) {
      ctx.report({ kind: 'config-chain', blockNumber: n, org: copy.org, detail: `the orderers signed config block ${verdict.lastConfig} as in effect, not ${expected}` });
    }
  } catch (err) {
    ctx.report({ kind: 'orderer-signature', blockNumber: n, org: copy.org, detail: `the block's signatures do not decode (${(err as Error).message})` });
  }
}

function typeOf(tx: DecodedTransaction | Error): number | undefined {
  return tx instanceof Error ? undefined : tx.type;
}

function auditEntry(copy: OrgCopy, entry: Uint8Array, i: number, code: number | undefined, verdictKey: string, n: number, ctx: BlockContext): void {
  const tx = decodedOnce(entry, verdictKey, ctx.decoded);
  if (tx instanceof Error) {
    if (code === VALID) ctx.report({ kind: 'undecodable', blockNumber: n, org: copy.org, detail: `data entry ${i}: ${tx.message}` });
    return;
  }
  if (ctx.tally) ctx.tally.transactions++;
  if (code !== VALID) return;
  if (tx.type === common.HeaderType.CONFIG) {
    try {
      const config = channelConfigOf(entry);
      if (copy.config && config.sequence !== copy.config.sequence + 1) {
        ctx.report({ kind: 'config-chain', blockNumber: n, org: copy.org, detail: `config sequence ${config.sequence} follows sequence ${copy.config.sequence}` });
      }
      const problems = copy.config ? configUpdateProblems(entry, copy.config) : [];
      if (problems.length > 0) ctx.report({ kind: 'config-chain', blockNumber: n, org: copy.org, detail: problems.join('; ') });
      copy.config = config;
      copy.configBlock = n;
    } catch (err) {
      ctx.report({ kind: 'undecodable', blockNumber: n, org: copy.org, detail: `config entry ${i}: ${(err as Error).message}` });
    }
    return;
  }
  if (tx.type !== common.HeaderType.ENDORSER_TRANSACTION) return;
  if (!copy.config) {
    ctx.report({ kind: 'endorsement', blockNumber: n, org: copy.org, txId: tx.txId, detail: 'no channel config precedes this transaction' });
    return;
  }
  const key = `${verdictKey}:${copy.config.sequence}`;
  let verdict = ctx.verdicts.get(key);
  if (!verdict) ctx.verdicts.set(key, (verdict = auditTransaction(tx, copy.config, ctx.chaincodePolicy)));
  if (ctx.tally) {
    ctx.tally.validTransactions++;
    ctx.tally.endorsementsVerified += verdict.endorsements;
  }
  if (verdict.problem) ctx.report({ kind: 'endorsement', blockNumber: n, org: copy.org, txId: tx.txId, detail: verdict.problem });
}

/** The entry decoded, or why it does not decode; `key` (data hash and index) names the same bytes in every org's copy. */
function decodedOnce(entry: Uint8Array, key: string, decoded: Map<string, DecodedTransaction | Error>): DecodedTransaction | Error {
  let tx = decoded.get(key);
  if (!tx) {
    try {
      tx = decodeTransaction(entry);
    } catch (err) {
      tx = err as Error;
    }
    decoded.set(key, tx);
  }
  return tx;
}

function compareViews(views: BlockView[], n: number, report: (finding: Finding) => void): void {
  if (views.length < 2) return;
  if (new Set(views.map((v) => v.headerHash)).size > 1) {
    report({ kind: 'divergence', blockNumber: n, detail: `the orgs' peers deliver different blocks: ${views.map((v) => `${v.org} ${short(v.headerHash)}`).join(', ')}` });
  } else if (new Set(views.map((v) => v.validationCodes)).size > 1) {
    report({ kind: 'divergence', blockNumber: n, detail: `the orgs' peers report different validation codes: ${views.map((v) => `${v.org} [${codeNames(v.validationCodes)}]`).join(', ')}` });
  }
}

function codeNames(codesHex: string): string {
  return [...Buffer.from(codesHex, 'hex')].map((c) => validationCodeName(c)).join(' ');
}

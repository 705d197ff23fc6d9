/**
 * The proof bundle: self-contained JSON that lets anyone holding the channel's trust anchor (its
 * genesis block hash) check, without a network or the gateway, that a transaction is on the
 * chain, unaltered, signed into a block by the orderers, VALID, endorsed under the channel's
 * policy, and wrote the records it names (SPEC §7). Hashes are hex, protobuf bytes base64.
 * Nothing in it is taken on its word: every part is checked from the trust anchor.
 */
import type { AccessEvent } from '@welfare-ledger/chaincode/lib';

export const BUNDLE_FORMAT = 'welfare-ledger/proof-bundle';
export const BUNDLE_VERSION = 2;

export interface HeaderJson {
  number: number;
  /** hex */
  previousHash: string;
  /** hex */
  dataHash: string;
}

export interface BlockJson {
  header: HeaderJson;
  /** Every data entry of the block (base64 envelope bytes): what the data hash covers. */
  data: string[];
}

/** A block with the orderers' signatures over its header (its SIGNATURES metadata, a common.Metadata, base64). */
export interface SignedBlockJson extends BlockJson {
  signatures: string;
}

export interface WriteClaim {
  namespace: string;
  /** The state key exactly as written (composite keys keep their U+0000 separators). */
  key: string;
  /** The value written (UTF-8 text; the chaincode writes canonical JSON). */
  value: string;
}

export interface AccessEventProof {
  event: AccessEvent;
  batchId: string;
  leafIndex: number;
  treeSize: number;
  /** RFC 6962 audit path, leaf to root (hex). */
  path: string[];
  /** The state key of the AccessBatch record the anchor transaction wrote; its root and count are read from that proven write. */
  anchorKey: string;
}

export interface ProofBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  kind: 'transaction' | 'access-event';
  channel: string;
  txId: string;
  block: SignedBlockJson & {
    /** The block's TRANSACTIONS_FILTER metadata (hex): the committing peer's validation code per transaction. */
    validationCodes: string;
  };
  /**
   * Each org's peer's own signed word on the transaction: its ProposalResponse (base64) to qscc
   * GetTransactionByID, holding the envelope and that peer's validation code, signed by the peer.
   * Fabric does not hash validation codes into blocks; these make them checkable.
   */
  attestations: Array<{ org: string; proposalResponse: string }>;
  transaction: {
    /** Position in block.data. */
    index: number;
    /** The transaction envelope (base64). */
    envelope: string;
  };
  /**
   * Headers of the blocks after the transaction's block, in order, up to the tip. The chain
   * checked is earlierHeaders + block.header + headers.
   */
  headers: HeaderJson[];
  /** Headers from an earlier block up to the one before the transaction's, when asked for (to reach an older trusted tip). */
  earlierHeaders?: HeaderJson[];
  /** The tip the headers reach, as the peer reported it (qscc GetChainInfo). Not proven: a trusted tip or checkpoint ties it down. */
  tip: { number: number; hash: string };
  /**
   * The channel's config blocks from the genesis block (block 0) to the one in effect for the
   * transaction's block, each signed by the orderers under the config before it.
   */
  configChain: SignedBlockJson[];
  /** The key/values this bundle proves the transaction wrote. */
  claims: WriteClaim[];
  accessEvent?: AccessEventProof;
  /** Informational: when and by whom the bundle was assembled. Not trusted by the verifier. */
  assembledAt?: string;
  assembledFrom?: string;
}

/** What the auditor holds: the channel and the hash of its genesis block, from the consortium. */
export const TRUST_FORMAT = 'welfare-ledger/trust';

export interface TrustAnchor {
  format: typeof TRUST_FORMAT;
  version: 1;
  channel: string;
  /** Header hash of block 0 (hex). */
  genesisHash: string;
}

/** A block number and header hash the auditor saw earlier and trusts. */
export interface TrustedTip {
  number: number;
  hash: string;
}

/** Reads "N:hex" as given on the command line. */
export function parseTrustedTip(text: string): TrustedTip {
  const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(text.trim());
  if (!match) throw new Error(`a trusted tip is <block number>:<64 hex digits>, not ${JSON.stringify(text)}`);
  return { number: Number(match[1]), hash: match[2].toLowerCase() };
}

/** Is this JSON a proof bundle this verifier understands? Checks the shape only; the checks judge the content. */
export function bundleFormatProblem(value: unknown): string | null {
  const b = value as Partial<ProofBundle> | null;
  if (!b || typeof b !== 'object') return 'the bundle is not a JSON object';
  if (b.format !== BUNDLE_FORMAT) return `not a ${BUNDLE_FORMAT} document (format: ${JSON.stringify(b.format)})`;
  if (b.version !== BUNDLE_VERSION) return `bundle version ${JSON.stringify(b.version)} is not supported (this verifier reads version ${BUNDLE_VERSION})`;
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(b.kind === 'transaction' || b.kind === 'access-event', 'kind');
  need(typeof b.channel === 'string' && typeof b.txId === 'string', 'channel, txId');
  need(isSignedBlock(b.block) && typeof b.block?.validationCodes === 'string', 'block');
  need(Array.isArray(b.attestations) && b.attestations.every((a) => typeof a?.org === 'string' && typeof a?.proposalResponse === 'string'), 'attestations');
  need(!!b.transaction && Number.isInteger(b.transaction.index) && typeof b.transaction.envelope === 'string', 'transaction');
  need(Array.isArray(b.headers) && b.headers.every(isHeader), 'headers');
  need(b.earlierHeaders === undefined || (Array.isArray(b.earlierHeaders) && b.earlierHeaders.every(isHeader)), 'earlierHeaders');
  need(!!b.tip && Number.isInteger(b.tip.number) && typeof b.tip.hash === 'string', 'tip');
  need(Array.isArray(b.configChain) && b.configChain.length > 0 && b.configChain.every(isSignedBlock), 'configChain');
  need(Array.isArray(b.claims) && b.claims.every(isClaim), 'claims');
  need(b.kind !== 'access-event' || isAccessEventProof(b.accessEvent), 'accessEvent');
  return problems.length ? `the bundle is malformed: ${problems.join(', ')}` : null;
}

function isHeader(h: unknown): boolean {
  const header = h as { number?: unknown; previousHash?: unknown; dataHash?: unknown } | null;
  return !!header && Number.isSafeInteger(header.number) && typeof header.previousHash === 'string' && typeof header.dataHash === 'string';
}

function isBlock(b: unknown): boolean {
  const block = b as { header?: unknown; data?: unknown } | null;
  return !!block && isHeader(block.header) && Array.isArray(block.data) && block.data.every((d) => typeof d === 'string');
}

function isSignedBlock(b: unknown): boolean {
  return isBlock(b) && typeof (b as { signatures?: unknown }).signatures === 'string';
}

function isClaim(c: unknown): boolean {
  const claim = c as { namespace?: unknown; key?: unknown; value?: unknown } | null;
  return !!claim && typeof claim.namespace === 'string' && typeof claim.key === 'string' && typeof claim.value === 'string';
}

function isAccessEventProof(p: unknown): boolean {
  const proof = p as ProofBundle['accessEvent'];
  return !!proof && typeof proof.event === 'object' && proof.event !== null && typeof proof.batchId === 'string' &&
    Number.isInteger(proof.leafIndex) && Number.isInteger(proof.treeSize) && Array.isArray(proof.path) &&
    proof.path.every((s) => typeof s === 'string') && typeof proof.anchorKey === 'string';
}

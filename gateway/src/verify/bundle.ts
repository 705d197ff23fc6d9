/**
 * The proof bundle: self-contained JSON that lets anyone check, without a network or the
 * gateway, that a transaction is on the chain, unaltered, VALID, endorsed under the channel's
 * policy, and wrote the records it names (SPEC §7). Hashes are hex, protobuf bytes base64.
 */
import type { AccessEvent } from '@welfare-ledger/chaincode/lib';

export const BUNDLE_FORMAT = 'welfare-ledger/proof-bundle';
export const BUNDLE_VERSION = 1;

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
  /** The AccessBatch write of the anchor transaction, whose `root` and `count` the path ends at. */
  anchor: WriteClaim;
}

export interface ProofBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  kind: 'transaction' | 'access-event';
  channel: string;
  txId: string;
  block: BlockJson & {
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
  /** The tip the chain reaches, as the peer reported it (qscc GetChainInfo). */
  tip: { number: number; hash: string };
  /** The channel configuration block in effect for the transaction's block: the channel's MSPs and policies. */
  channelConfig: { block: BlockJson };
  /** The key/values this bundle proves the transaction wrote. */
  claims: WriteClaim[];
  accessEvent?: AccessEventProof;
  /** Informational: when and by whom the bundle was assembled. Not trusted by the verifier. */
  assembledAt?: string;
  assembledFrom?: string;
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

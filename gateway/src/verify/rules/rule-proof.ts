/**
 * The rule-proof bundle: shows offline that a decision followed the chaincode's rules. It holds
 * the decision's own proof bundle and, for every key the decision read at a version, the proof
 * bundle of the transaction that wrote that version (the chaincode's facts, and the `_lifecycle`
 * commit of the chaincode definition in effect). Keys read as absent need no bundle: the
 * decision's endorsed read set says so. Nothing here is taken on its word.
 */
import { bundleFormatProblem, type ProofBundle } from '../bundle';
import type { Version } from './read-set';

export const RULE_PROOF_FORMAT = 'welfare-ledger/rule-proof';
export const RULE_PROOF_VERSION = 1;

export interface RuleProof {
  format: typeof RULE_PROOF_FORMAT;
  version: typeof RULE_PROOF_VERSION;
  /** The bundle of the transaction that made the decision. */
  decision: ProofBundle;
  /** One bundle per transaction that wrote a version the decision read (any order). */
  writers: ProofBundle[];
  /** The results of range reads Fabric summarised as Merkle hashes: keys and versions in key order. */
  rangeResults?: Array<{ namespace: string; startKey: string; endKey: string; reads: Array<{ key: string; version: Version | null }> }>;
}

export function ruleProofFormatProblem(value: unknown): string | null {
  const p = value as Partial<RuleProof> | null;
  if (!p || typeof p !== 'object') return 'the rule proof is not a JSON object';
  if (p.format !== RULE_PROOF_FORMAT) return `not a ${RULE_PROOF_FORMAT} document (format: ${JSON.stringify(p.format)})`;
  if (p.version !== RULE_PROOF_VERSION) return `rule proof version ${JSON.stringify(p.version)} is not supported (this verifier reads version ${RULE_PROOF_VERSION})`;
  const decision = bundleFormatProblem(p.decision);
  if (decision) return `the decision bundle: ${decision}`;
  if (!Array.isArray(p.writers)) return 'the rule proof has no writers list';
  const writer = p.writers.map(bundleFormatProblem).find((problem) => problem !== null);
  if (writer) return `a writer bundle: ${writer}`;
  if (p.rangeResults !== undefined && !Array.isArray(p.rangeResults)) return 'rangeResults is not a list';
  return null;
}

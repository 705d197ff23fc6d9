/**
 * The offline verifier: proof bundles, their checks, peer-signed checkpoints, the trust anchor
 * and the whole-chain audit. Depends only on the chaincode's shared lib, Fabric's protobufs and
 * node:crypto.
 */
export * from './bundle';
export * from './check';
export * from './checkpoint';
export * from './trust';
export * from './verify-bundle';
export { blockDataHash, blockHeaderHash, type BlockHeaderFields } from './block-hash';
export { auditChain, type AuditOptions } from './audit/chain-audit';
export { formatAuditReport, type AuditReport, type Finding } from './audit/audit-report';
export type { BlockSource } from './audit/block-source';
export { substituteBlock } from './audit/block-source';
export { verifyRuleProof, formatRuleVerification, type RuleVerification } from './rules/verify-rule-proof';
export { RULE_PROOF_FORMAT, type RuleProof } from './rules/rule-proof';

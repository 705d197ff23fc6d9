/**
 * Verifies a proof bundle offline and reports every check by name. Nothing here touches a
 * network: the bundle, an optional trusted tip and an optional signed checkpoint are all it reads.
 */
import { blockHeaderHash } from './block-hash';
import type { ProofBundle, TrustedTip } from './bundle';
import { BundleContext } from './bundle-context';
import { bundleFormatProblem } from './bundle-format';
import { hex } from './bytes';
import { fail, pass, type CheckResult } from './check';
import type { SignedCheckpoint } from './checkpoint';
import { checkChannelConfig } from './checks/channel-config';
import { checkCheckpoint } from './checks/checkpoint';
import { checkCreatorSignature } from './checks/creator-signature';
import { checkDataHash } from './checks/data-hash';
import { checkEndorsementPolicy } from './checks/endorsement-policy';
import { checkEndorsementSignatures } from './checks/endorsement-signatures';
import { checkEndorserCertificates } from './checks/endorser-certificates';
import { checkHeaderChain } from './checks/header-chain';
import { checkMerklePath } from './checks/merkle-path';
import { checkTransactionInBlock } from './checks/transaction-in-block';
import { checkTrustedTip } from './checks/trusted-tip';
import { checkValidationAttestations } from './checks/validation-attestations';
import { checkValidationCode } from './checks/validation-code';
import { checkWriteSet } from './checks/write-set';
import { APPLICATION_ENDORSEMENT_POLICY } from './fabric/channel-config';

export interface VerifyOptions {
  /** A block number + header hash seen and trusted earlier: the bundle's chain must pass through it. */
  trustedTip?: TrustedTip;
  /** A signed checkpoint kept earlier: its signature is checked and the chain must pass through its tip. */
  checkpoint?: SignedCheckpoint;
  /** Header hash of the channel config block the auditor holds: the bundle's MSP roots must come from it. */
  trustedConfigHash?: string;
  /** The channel policy the chaincode's endorsement policy names (default /Channel/Application/Endorsement). */
  endorsementPolicy?: string;
}

export interface Verification {
  ok: boolean;
  checks: CheckResult[];
  /** What was proven, when the bundle could be read. */
  subject?: { kind: ProofBundle['kind']; txId: string; blockNumber: number; txIndex: number; tip: { number: number; hash: string }; eventId?: string };
}

export function verifyBundle(input: unknown, options: VerifyOptions = {}): Verification {
  const problem = bundleFormatProblem(input);
  if (problem) return { ok: false, checks: [fail('bundle-format', problem)] };
  const bundle = input as ProofBundle;
  const ctx = new BundleContext(bundle);
  const checks: CheckResult[] = [
    pass('bundle-format', `${bundle.kind} bundle for transaction ${bundle.txId} on channel ${bundle.channel}`),
    checkDataHash(ctx),
    checkHeaderChain(ctx),
    checkTransactionInBlock(ctx),
    checkValidationCode(ctx),
    checkValidationAttestations(ctx),
    checkChannelConfig(ctx, options.trustedConfigHash),
    checkCreatorSignature(ctx),
    checkEndorsementSignatures(ctx),
    checkEndorserCertificates(ctx),
    checkEndorsementPolicy(ctx, options.endorsementPolicy ?? APPLICATION_ENDORSEMENT_POLICY),
    checkWriteSet(ctx),
  ];
  if (bundle.kind === 'access-event') checks.push(checkMerklePath(ctx));
  if (options.trustedTip) checks.push(checkTrustedTip(ctx, options.trustedTip));
  if (options.checkpoint) checks.push(checkCheckpoint(ctx, options.checkpoint));
  return {
    ok: checks.every((c) => c.ok),
    checks,
    subject: {
      kind: bundle.kind,
      txId: bundle.txId,
      blockNumber: bundle.block.header.number,
      txIndex: bundle.transaction.index,
      tip: bundle.tip,
      eventId: bundle.accessEvent?.event.eventId,
    },
  };
}

/** The hash of the tip header the bundle's chain actually ends at (to save as a trusted tip). */
export function chainTipOf(bundle: ProofBundle): TrustedTip {
  const ctx = new BundleContext(bundle);
  const last = ctx.headerChain[ctx.headerChain.length - 1];
  return { number: last.number, hash: hex(blockHeaderHash(last)) };
}

/**
 * Verifies a proof bundle offline and reports every check by name. Nothing here touches a
 * network: the bundle, the auditor's trust anchor and optionally a trusted tip or a peer-signed
 * checkpoint are all it reads. Without a trust anchor the bundle can at most be found
 * consistent: nothing ties it to the channel the auditor means.
 */
import { blockHeaderHash } from './block-hash';
import { bundleFormatProblem, type ProofBundle, type TrustAnchor, type TrustedTip } from './bundle';
import { BundleContext, headerFields } from './bundle-context';
import { hex } from './bytes';
import { fail, pass, type CheckResult } from './check';
import type { PeerCheckpoint } from './checkpoint';
import { checkConfigChain, checkOrdererSignatures, checkTrustAnchor } from './checks/anchor';
import { checkDataHash, checkHeaderChain, checkTransactionInBlock, checkValidationAttestations, checkValidationCode } from './checks/block';
import { checkMerklePath, checkWriteSet } from './checks/claims';
import { checkCheckpoint, checkTrustedTip } from './checks/history';
import {
  checkCreatorSignature,
  checkEndorsementPolicy,
  checkEndorsementSignatures,
  checkEndorserCertificates,
  checkTransactionIntegrity,
} from './checks/transaction';
import { APPLICATION_ENDORSEMENT_POLICY } from './fabric/channel-config';

export interface VerifyOptions {
  /** The channel and genesis block hash the auditor holds. Without it nothing is VERIFIED. */
  trust?: TrustAnchor;
  /** A block number + header hash seen and trusted earlier: the bundle's chain must pass through it. */
  trustedTip?: TrustedTip;
  /** A peer-signed checkpoint kept earlier: its signature is checked and the chain must pass through its tip. */
  checkpoint?: PeerCheckpoint;
  /** The channel policy the chaincode's endorsement policy names (default /Channel/Application/Endorsement). */
  endorsementPolicy?: string;
}

export interface Verification {
  /** Every check passed and the bundle is proven from the trust anchor. */
  ok: boolean;
  /** Every check that ran passed (with no trust anchor: consistent, not verified). */
  consistent: boolean;
  anchored: boolean;
  checks: CheckResult[];
  /** What was proven, when the bundle could be read. The block hash is the orderer-signed block's, to keep as a trusted tip. */
  subject?: { kind: ProofBundle['kind']; txId: string; blockNumber: number; blockHash: string; txIndex: number; eventId?: string };
}

export function verifyBundle(input: unknown, options: VerifyOptions = {}): Verification {
  const problem = bundleFormatProblem(input);
  if (problem) return { ok: false, consistent: false, anchored: !!options.trust, checks: [fail('bundle-format', problem)] };
  const bundle = input as ProofBundle;
  const ctx = new BundleContext(bundle);
  const checks: CheckResult[] = [
    pass('bundle-format', `${bundle.kind} bundle for transaction ${bundle.txId} on channel ${bundle.channel}`),
    ...(options.trust ? [checkTrustAnchor(ctx, options.trust)] : []),
    checkConfigChain(ctx),
    checkOrdererSignatures(ctx),
    checkDataHash(ctx),
    checkHeaderChain(ctx),
    checkTransactionInBlock(ctx),
    checkValidationCode(ctx),
    checkValidationAttestations(ctx),
    checkTransactionIntegrity(ctx),
    checkCreatorSignature(ctx),
    checkEndorsementSignatures(ctx),
    checkEndorserCertificates(ctx),
    checkEndorsementPolicy(ctx, options.endorsementPolicy ?? APPLICATION_ENDORSEMENT_POLICY),
    checkWriteSet(ctx),
  ];
  if (bundle.kind === 'access-event') checks.push(checkMerklePath(ctx));
  if (options.trustedTip) checks.push(checkTrustedTip(ctx, options.trustedTip));
  if (options.checkpoint) checks.push(checkCheckpoint(ctx, options.checkpoint));
  const consistent = checks.every((c) => c.ok);
  return {
    ok: consistent && !!options.trust,
    consistent,
    anchored: !!options.trust,
    checks,
    subject: {
      kind: bundle.kind,
      txId: bundle.txId,
      blockNumber: bundle.block.header.number,
      blockHash: hex(blockHeaderHash(headerFields(bundle.block.header))),
      txIndex: bundle.transaction.index,
      eventId: bundle.accessEvent?.event.eventId,
    },
  };
}

/** The hash of the tip header the bundle's chain ends at (unsigned headers: keep it only if you trust where the bundle came from). */
export function chainTipOf(bundle: ProofBundle): TrustedTip {
  const ctx = new BundleContext(bundle);
  const last = ctx.headerChain[ctx.headerChain.length - 1];
  return { number: last.number, hash: hex(blockHeaderHash(last)) };
}

/** Prints a verification as one line per check, failures marked, and a closing verdict. */
export function formatVerification(result: Verification): string[] {
  const width = Math.max(...result.checks.map((c) => c.check.length));
  const lines = result.checks.map((c) => `${c.ok ? 'ok    ' : 'FAILED'}  ${c.check.padEnd(width)}  ${c.detail}`);
  const failed = result.checks.filter((c) => !c.ok);
  const s = result.subject;
  const what = s ? `${s.kind === 'access-event' ? `access event ${s.eventId} in ` : ''}transaction ${s.txId} (block ${s.blockNumber})` : 'the bundle';
  if (failed.length > 0) {
    lines.push(`NOT VERIFIED: ${what}: ${failed.length} check${failed.length === 1 ? '' : 's'} failed (${failed.map((c) => c.check).join(', ')})`);
  } else if (!result.anchored) {
    lines.push(`CONSISTENT, NOT VERIFIED: ${what}: no trust anchor, so nothing ties the bundle to your channel (run \`welfare-ledger trust init <genesis block>\`)`);
  } else {
    lines.push(`VERIFIED: ${what}; block ${s?.blockNumber} hash ${s?.blockHash} (keep it as --trusted-tip ${s?.blockNumber}:${s?.blockHash})`);
  }
  return lines;
}

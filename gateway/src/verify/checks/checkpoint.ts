/**
 * A signed checkpoint: its signature verifies with the signer's certificate, the certificate
 * chains to the signer's MSP in the bundle's channel config, it is for the bundle's channel, and
 * the bundle's chain passes through its tip.
 */
import type { BundleContext } from '../bundle-context';
import { fromBase64 } from '../bytes';
import { fail, guarded, type CheckResult } from '../check';
import { checkpointSigningBytes, CHECKPOINT_FORMAT, type SignedCheckpoint } from '../checkpoint';
import { parseCertificate } from '../fabric/certificate-cache';
import { checkMembership } from '../fabric/msp-identity';
import { signatureVerifies } from '../fabric/signatures';
import { checkTrustedTip } from './trusted-tip';

export function checkCheckpoint(ctx: BundleContext, checkpoint: SignedCheckpoint): CheckResult {
  return guarded('checkpoint', () => {
    if (checkpoint.format !== CHECKPOINT_FORMAT) return fail('checkpoint', `not a ${CHECKPOINT_FORMAT} document`);
    if (checkpoint.channel !== ctx.bundle.channel) return fail('checkpoint', `the checkpoint is for channel ${checkpoint.channel}, the bundle for ${ctx.bundle.channel}`);
    if (checkpoint.tip.number !== checkpoint.height - 1) return fail('checkpoint', `the checkpoint's tip ${checkpoint.tip.number} is not block height - 1 (${checkpoint.height - 1})`);
    const { mspId, certificate: pem } = checkpoint.signer;
    const certificate = parseCertificate(pem);
    if (!certificate || !signatureVerifies(certificate, checkpointSigningBytes(checkpoint), fromBase64(checkpoint.signature))) {
      return fail('checkpoint', `the checkpoint's signature does not verify with the ${mspId} signer's certificate`);
    }
    const membership = checkMembership({ mspId, certificatePem: pem, bytes: new Uint8Array() }, ctx.channelConfig, new Date(checkpoint.issuedAt));
    if (!membership.ok) return fail('checkpoint', `checkpoint signer: ${membership.reason}`);
    const reached = checkTrustedTip(ctx, checkpoint.tip, 'checkpoint', `${mspId}'s checkpoint`);
    return reached.ok ? { ...reached, detail: `signed by ${mspId}; ${reached.detail}` } : reached;
  });
}

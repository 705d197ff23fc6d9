/**
 * Linking a bundle to what the auditor saw before (fork detection): its header chain passes
 * through a block number + hash the auditor kept (trusted-tip), or through the tip of a
 * checkpoint signed by a peer of the org named (checkpoint). The headers after the
 * transaction's block are not signed; a kept tip is what pins them.
 */
import { msp } from '@hyperledger/fabric-protos';
import { blockHeaderHash } from '../block-hash';
import type { TrustedTip } from '../bundle';
import type { BundleContext } from '../bundle-context';
import { hex, short } from '../bytes';
import { fail, guarded, type CheckName, type CheckResult, pass } from '../check';
import { readCheckpoint, type PeerCheckpoint } from '../checkpoint';
import { checkMembership, holdsRole } from '../fabric/msp-identity';

export function checkTrustedTip(ctx: BundleContext, tip: TrustedTip, check: CheckName = 'trusted-tip', source = 'the trusted tip'): CheckResult {
  return guarded(check, () => {
    const chain = ctx.headerChain;
    const first = chain[0].number;
    const last = chain[chain.length - 1].number;
    if (tip.number > last) {
      return fail(check, `the bundle's chain ends at block ${last}, before ${source} ${tip.number}: fetch the bundle again (its headers then reach the current tip)`);
    }
    if (tip.number < first) {
      return fail(check, `the bundle's chain starts at block ${first}, after ${source} ${tip.number}: fetch the bundle with ?since=${tip.number}`);
    }
    const header = chain[tip.number - first];
    const hash = hex(blockHeaderHash(header));
    if (hash !== tip.hash.toLowerCase()) {
      return fail(check, `block ${tip.number} hashes to ${short(hash)} in this bundle, but ${source} says ${short(tip.hash)}: the chains differ`);
    }
    return pass(check, `the chain passes through ${source}, block ${tip.number} (${short(hash)})`);
  });
}

export function checkCheckpoint(ctx: BundleContext, checkpoint: PeerCheckpoint): CheckResult {
  return guarded('checkpoint', () => {
    const reading = readCheckpoint(checkpoint, ctx.bundle.channel);
    const { signer } = reading;
    if (!reading.signatureOk) return fail('checkpoint', `the checkpoint's signature does not verify with its signer's certificate`);
    if (signer.mspId !== checkpoint.org) return fail('checkpoint', `the checkpoint names ${checkpoint.org} but is signed by an identity of ${signer.mspId}`);
    const membership = checkMembership(signer, ctx.channelConfig, reading.askedAt);
    if (!membership.ok) return fail('checkpoint', `checkpoint signer: ${membership.reason}`);
    if (!holdsRole(signer, membership, signer.mspId, msp.MSPRole.MSPRoleType.PEER, ctx.channelConfig)) {
      return fail('checkpoint', `the checkpoint is signed by an identity of ${signer.mspId} that is not one of its peers`);
    }
    const reached = checkTrustedTip(ctx, reading.tip, 'checkpoint', `${signer.mspId}'s peer's checkpoint`);
    return reached.ok ? { ...reached, detail: `signed by a peer of ${signer.mspId}; ${reached.detail}` } : reached;
  });
}

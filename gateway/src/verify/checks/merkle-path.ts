/**
 * For an access event: the event's leaf (SHA-256 of 0x00 || canonical JSON of the event) and its
 * RFC 6962 audit path lead to the root the anchor transaction wrote, in a tree of the anchored size.
 */
import { accessEventLeaf, leafHash, verifyInclusion } from '@welfare-ledger/chaincode/lib';
import type { BundleContext } from '../bundle-context';
import { fromHex } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';

export function checkMerklePath(ctx: BundleContext): CheckResult {
  return guarded('merkle-path', () => {
    const proof = ctx.bundle.accessEvent;
    if (!proof) return fail('merkle-path', 'the bundle carries no access-event proof');
    const anchor = ctx.bundle.claims.find((c) => c.namespace === proof.anchor.namespace && c.key === proof.anchor.key) ?? proof.anchor;
    const batch = JSON.parse(anchor.value) as { batchId?: string; root?: string; count?: number };
    if (batch.batchId !== proof.batchId) return fail('merkle-path', `the anchor is batch ${batch.batchId}, not ${proof.batchId}`);
    if (batch.count !== proof.treeSize) return fail('merkle-path', `the anchor holds ${batch.count} events, the path is for a tree of ${proof.treeSize}`);
    const leaf = leafHash(accessEventLeaf(proof.event));
    const ok = verifyInclusion(leaf, proof.leafIndex, proof.treeSize, proof.path.map(fromHex), fromHex(String(batch.root)));
    if (!ok) return fail('merkle-path', `event ${proof.event.eventId} at leaf ${proof.leafIndex} does not lead to root ${batch.root} of batch ${proof.batchId}`);
    return pass('merkle-path', `event ${proof.event.eventId} is leaf ${proof.leafIndex} of ${proof.treeSize} under root ${String(batch.root).slice(0, 16)}… of batch ${proof.batchId}`);
  });
}

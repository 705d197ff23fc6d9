/**
 * What the bundle claims against what was proven: every claim is a write of the endorsed
 * read-write set (write-set; a bundle with no claim proves nothing and is refused); an access
 * event's leaf and path lead to the root read from the proven AccessBatch write (merkle-path),
 * never from the bundle's own fields.
 */
import { accessEventLeaf, leafHash, verifyInclusion } from '@welfare-ledger/chaincode/lib';
import type { BundleContext } from '../bundle-context';
import { fromHex } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';

export function checkWriteSet(ctx: BundleContext): CheckResult {
  return guarded('write-set', () => {
    const writes = writesByKey(ctx);
    const { claims } = ctx.bundle;
    if (ctx.bundle.kind === 'access-event' && !claims.some((c) => c.key === ctx.bundle.accessEvent?.anchorKey)) {
      return fail('write-set', 'the access event\'s anchor record is not among the claims');
    }
    for (const claim of claims) {
      const write = writes.get(claim.namespace, claim.key);
      const key = printableKey(claim.key);
      if (!write) return fail('write-set', `the transaction wrote no key ${key} in ${claim.namespace}`);
      if (!write.value.equals(Buffer.from(claim.value, 'utf8'))) return fail('write-set', `the value claimed for ${key} is not the value the transaction wrote`);
    }
    if (claims.length === 0) return fail('write-set', 'the bundle claims no key/value: it proves nothing');
    return pass('write-set', `the transaction wrote the ${claims.length} claimed key/value${claims.length === 1 ? '' : 's'} (${claims.slice(0, 3).map((c) => printableKey(c.key)).join(', ')}${claims.length > 3 ? ', …' : ''})`);
  });
}

/** The transaction's writes (not deletes) by namespace, then key, the first of each: a batch writes a thousand keys, and a bundle may claim them all. */
function writesByKey(ctx: BundleContext) {
  const writes = new Map<string, Map<string, { value: Buffer }>>();
  for (const action of ctx.transaction.actions) {
    for (const write of action.writes) {
      if (write.isDelete) continue;
      let namespace = writes.get(write.namespace);
      if (!namespace) writes.set(write.namespace, (namespace = new Map()));
      if (!namespace.has(write.key)) namespace.set(write.key, write);
    }
  }
  return { get: (namespace: string, key: string) => writes.get(namespace)?.get(key) };
}

/** A composite key with its U+0000 separators shown as '/'. */
export function printableKey(key: string): string {
  return key.replace(/^\u0000/, '').replace(/\u0000$/, '').split('\u0000').join('/');
}

export function checkMerklePath(ctx: BundleContext): CheckResult {
  return guarded('merkle-path', () => {
    const proof = ctx.bundle.accessEvent;
    if (!proof) return fail('merkle-path', 'the bundle carries no access-event proof');
    const written = ctx.transaction.actions.flatMap((a) => a.writes).filter((w) => w.key === proof.anchorKey && !w.isDelete);
    if (written.length !== 1) return fail('merkle-path', `the transaction wrote no anchor record ${printableKey(proof.anchorKey)}`);
    const batch = anchorRecord(written[0].value.toString('utf8'));
    if (!batch) return fail('merkle-path', `the record ${printableKey(proof.anchorKey)} the transaction wrote is not an access-batch anchor (root and count)`);
    if (batch.batchId !== proof.batchId) return fail('merkle-path', `the anchor is batch ${batch.batchId}, not ${proof.batchId}`);
    if (batch.count !== proof.treeSize) return fail('merkle-path', `the anchor holds ${batch.count} events, the path is for a tree of ${proof.treeSize}`);
    const leaf = leafHash(accessEventLeaf(proof.event));
    const ok = verifyInclusion(leaf, proof.leafIndex, proof.treeSize, proof.path.map(fromHex), fromHex(batch.root));
    if (!ok) return fail('merkle-path', `event ${proof.event.eventId} at leaf ${proof.leafIndex} does not lead to root ${batch.root.slice(0, 16)}… of batch ${proof.batchId}`);
    return pass('merkle-path', `event ${proof.event.eventId} is leaf ${proof.leafIndex} of ${proof.treeSize} under root ${batch.root.slice(0, 16)}… that the transaction wrote for batch ${proof.batchId}`);
  });
}

function anchorRecord(value: string): { batchId: string; root: string; count: number } | null {
  try {
    const record = JSON.parse(value) as { batchId?: unknown; root?: unknown; count?: unknown };
    const ok = typeof record.batchId === 'string' && typeof record.root === 'string' && /^[0-9a-f]{64}$/.test(record.root) && Number.isSafeInteger(record.count);
    return ok ? (record as { batchId: string; root: string; count: number }) : null;
  } catch {
    return null;
  }
}

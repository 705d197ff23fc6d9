/** Each key/value the bundle claims is a write of the transaction's (endorsed) read-write set. */
import type { BundleContext } from '../bundle-context';
import { fail, guarded, pass, type CheckResult } from '../check';

export function checkWriteSet(ctx: BundleContext): CheckResult {
  return guarded('write-set', () => {
    const writes = ctx.transaction.actions.flatMap((action) => action.writes);
    const { claims } = ctx.bundle;
    for (const claim of claims) {
      const write = writes.find((w) => w.namespace === claim.namespace && w.key === claim.key && !w.isDelete);
      const key = printableKey(claim.key);
      if (!write) return fail('write-set', `the transaction wrote no key ${key} in ${claim.namespace}`);
      if (!write.value.equals(Buffer.from(claim.value, 'utf8'))) return fail('write-set', `the value claimed for ${key} is not the value the transaction wrote`);
    }
    if (claims.length === 0) return pass('write-set', 'the bundle claims no key/value');
    return pass('write-set', `the transaction wrote the ${claims.length} claimed key/value${claims.length === 1 ? '' : 's'} (${claims.slice(0, 3).map((c) => printableKey(c.key)).join(', ')}${claims.length > 3 ? ', …' : ''})`);
  });
}

/** A composite key with its U+0000 separators shown as '/'. */
export function printableKey(key: string): string {
  return key.replace(/^\u0000/, '').replace(/\u0000$/, '').split('\u0000').join('/');
}

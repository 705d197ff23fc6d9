/** The block's data hash is SHA-256 over its data entries: no entry was added, removed or altered. */
import { blockDataHash } from '../block-hash';
import type { BundleContext } from '../bundle-context';
import { hex, short } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';

export function checkDataHash(ctx: BundleContext): CheckResult {
  return guarded('data-hash', () => {
    const { header } = ctx.bundle.block;
    const computed = hex(blockDataHash(ctx.blockData));
    if (computed !== header.dataHash.toLowerCase()) {
      return fail('data-hash', `block ${header.number}: SHA-256 over its ${ctx.blockData.length} data entries is ${short(computed)}, the header says ${short(header.dataHash)}`);
    }
    return pass('data-hash', `block ${header.number}: SHA-256 over its ${ctx.blockData.length} data entries matches the header`);
  });
}

/**
 * The bundle's header chain passes through a block the auditor saw and trusts (number + header
 * hash): what the bundle shows is consistent with what was seen before.
 */
import { blockHeaderHash } from '../block-hash';
import type { TrustedTip } from '../bundle';
import type { BundleContext } from '../bundle-context';
import { hex, short } from '../bytes';
import { fail, guarded, pass, type CheckName, type CheckResult } from '../check';

export function checkTrustedTip(ctx: BundleContext, tip: TrustedTip, check: CheckName = 'trusted-tip', source = 'the trusted tip'): CheckResult {
  return guarded(check, () => {
    const chain = ctx.headerChain;
    const first = chain[0].number;
    const last = chain[chain.length - 1].number;
    if (tip.number > last) {
      return fail(check, `the bundle's chain ends at block ${last}, before ${source} ${tip.number}: fetch a newer bundle`);
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

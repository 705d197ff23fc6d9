/** Every endorser's certificate chains to a root CA of its MSP in the channel config and was valid at the transaction's time. */
import type { BundleContext } from '../bundle-context';
import { fail, guarded, pass, type CheckResult } from '../check';
import { endorsementsOf } from './endorsements-of';

export function checkEndorserCertificates(ctx: BundleContext): CheckResult {
  return guarded('endorser-certificates', () => {
    const examined = endorsementsOf(ctx);
    if (examined.length === 0) return fail('endorser-certificates', 'the transaction carries no endorsements');
    const bad = examined.flatMap((e) => (e.membership.ok ? [] : [e.membership.reason]));
    if (bad.length > 0) return fail('endorser-certificates', bad.join('; '));
    return pass('endorser-certificates', `${examined.length} endorser certificates chain to their MSP's root CA in the channel config`);
  });
}

/** Every endorsement's signature verifies over proposal_response_payload || endorser with the endorser's certificate. */
import type { BundleContext } from '../bundle-context';
import { fail, guarded, pass, type CheckResult } from '../check';
import { endorsementsOf } from './endorsements-of';

export function checkEndorsementSignatures(ctx: BundleContext): CheckResult {
  return guarded('endorsement-signatures', () => {
    const examined = endorsementsOf(ctx);
    if (examined.length === 0) return fail('endorsement-signatures', 'the transaction carries no endorsements');
    const bad = examined.filter((e) => !e.signatureOk).map((e) => e.identity.mspId);
    if (bad.length > 0) return fail('endorsement-signatures', `the endorsement signature of ${bad.join(', ')} does not verify over the proposal response`);
    return pass('endorsement-signatures', `${examined.length} endorsement signatures verify (${examined.map((e) => e.identity.mspId).join(', ')})`);
  });
}

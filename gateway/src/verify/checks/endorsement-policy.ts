/**
 * The organisations whose endorsements verified satisfy the endorsement policy of what the
 * transaction wrote: for the welfare chaincode the channel's /Channel/Application/Endorsement
 * (MAJORITY Endorsement on this network), evaluated from the channel config.
 */
import type { BundleContext } from '../bundle-context';
import { fail, guarded, pass, type CheckResult } from '../check';
import { examineEndorsements, verifiedSigners } from '../fabric/endorsements';
import { evaluateApplicationPolicy } from '../fabric/policy';
import { requiredPolicies } from '../fabric/required-policies';

export function checkEndorsementPolicy(ctx: BundleContext, chaincodePolicy: string): CheckResult {
  return guarded('endorsement-policy', () => {
    const tx = ctx.transaction;
    const config = ctx.channelConfig;
    if (tx.actions.length === 0) return fail('endorsement-policy', 'the transaction has no endorsed action');
    const outcomes = tx.actions.flatMap((action) => {
      const signers = verifiedSigners(examineEndorsements(action, config, tx.timestamp));
      return requiredPolicies(action, config, chaincodePolicy).map((path) => ({ path, ...evaluateApplicationPolicy(path, config, signers) }));
    });
    const failed = outcomes.find((o) => !o.satisfied);
    if (failed) {
      return fail('endorsement-policy', `${failed.path} (${failed.description}) is not satisfied: only ${failed.satisfiedBy.join(', ') || 'no org'} endorsed validly`);
    }
    return pass('endorsement-policy', outcomes.map((o) => `${o.path} (${o.description}) satisfied by ${o.satisfiedBy.join(', ')}`).join('; '));
  });
}

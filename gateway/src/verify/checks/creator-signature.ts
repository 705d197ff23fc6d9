/** The submitting client signed the envelope, with a certificate that chains to its channel MSP. */
import type { BundleContext } from '../bundle-context';
import { fail, guarded, pass, type CheckResult } from '../check';
import { examineCreator } from '../fabric/endorsements';

export function checkCreatorSignature(ctx: BundleContext): CheckResult {
  return guarded('creator-signature', () => {
    const creator = examineCreator(ctx.transaction, ctx.channelConfig);
    const who = creator.identity.mspId;
    if (!creator.signatureOk) return fail('creator-signature', `the ${who} creator's signature over the envelope does not verify`);
    if (!creator.membership.ok) return fail('creator-signature', creator.membership.reason);
    return pass('creator-signature', `submitted and signed by an identity of ${who}`);
  });
}

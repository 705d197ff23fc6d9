/**
 * A majority of the channel's organisations attest, each by its own peer's signed answer
 * (qscc GetTransactionByID), that they committed this very envelope as VALID — so the
 * validation code does not rest on the word of the one peer that delivered the block.
 * Each answer must verify with a peer certificate that chains to its MSP, and none may disagree.
 */
import { msp } from '@hyperledger/fabric-protos';
import type { BundleContext } from '../bundle-context';
import { fromBase64, sameBytes } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';
import { checkMembership, holdsRole } from '../fabric/msp-identity';
import { readTransactionStatusAnswer } from '../fabric/peer-answer';
import { VALID, validationCodeName } from '../fabric/validation-codes';

export function checkValidationAttestations(ctx: BundleContext): CheckResult {
  return guarded('validation-attestations', () => {
    const config = ctx.channelConfig;
    const tx = ctx.transaction;
    const orgs = config.applicationOrgs.map((o) => o.mspId);
    const needed = Math.floor(orgs.length / 2) + 1;
    const attesting = new Set<string>();
    for (const { proposalResponse } of ctx.bundle.attestations ?? []) {
      const answer = readTransactionStatusAnswer(fromBase64(proposalResponse));
      const who = answer.signer.mspId;
      if (!answer.signatureOk) return fail('validation-attestations', `the answer signed by a peer of ${who} does not verify`);
      const membership = checkMembership(answer.signer, config, null);
      if (!membership.ok) return fail('validation-attestations', `answer of ${who}: ${membership.reason}`);
      if (!holdsRole(answer.signer, membership, who, msp.MSPRole.MSPRoleType.PEER, config)) {
        return fail('validation-attestations', `the answer for ${who} is not signed by one of its peers`);
      }
      if (!sameBytes(answer.envelope.payload, tx.payload) || !sameBytes(answer.envelope.signature, tx.creatorSignature)) {
        return fail('validation-attestations', `the peer of ${who} answered about another envelope`);
      }
      if (answer.validationCode !== VALID) {
        return fail('validation-attestations', `the peer of ${who} signed that it committed the transaction as ${validationCodeName(answer.validationCode)}`);
      }
      if (orgs.includes(who)) attesting.add(who);
    }
    if (attesting.size < needed) {
      return fail('validation-attestations', `only ${[...attesting].join(', ') || 'no org'} signed that the transaction is VALID; a majority of ${orgs.length} orgs (${needed}) is needed`);
    }
    return pass('validation-attestations', `the peers of ${[...attesting].sort().join(', ')} each signed that they committed it VALID`);
  });
}

/**
 * The transaction itself, under the configuration in effect: it is one transaction, not
 * stitched from another's endorsements (transaction-integrity: what Fabric 2.5.5 added against
 * the crosslinking attack, CVE-2023-46132); its creator signed it (creator-signature); its
 * endorsements verify (endorsement-signatures), come from unrevoked members of their MSPs
 * (endorser-certificates) and satisfy the endorsement policy of what it wrote (endorsement-policy).
 */
import { common } from '@hyperledger/fabric-protos';
import type { BundleContext } from '../bundle-context';
import { sameBytes, short } from '../bytes';
import { fail, guarded, pass, type CheckResult } from '../check';
import { examineCreator, examineEndorsements, verifiedSigners, type SignerExamination } from '../fabric/endorsements';
import { evaluatePolicy } from '../fabric/policy';
import { derivedTxId, proposalHash } from '../fabric/proposal-hash';
import { requiredPolicies } from '../fabric/required-policies';
import type { DecodedTransaction, EndorsedAction } from '../fabric/transaction';

/** What is wrong with how the transaction's parts bind together, or null (shared with the audit). */
export function integrityProblem(tx: DecodedTransaction): string | null {
  if (tx.type !== common.HeaderType.ENDORSER_TRANSACTION) return `not an endorser transaction (header type ${tx.type})`;
  if (tx.nonce.length === 0 || tx.creator.bytes.length === 0) return 'the signature header has no nonce or no creator';
  const derived = derivedTxId(tx.nonce, tx.creator.bytes);
  if (derived !== tx.txId) return `the txId ${short(tx.txId)} is not SHA-256(nonce ‖ creator) of its signature header (${short(derived)})`;
  if (tx.actions.length !== 1) return `a transaction has one action, this one ${tx.actions.length}`;
  const [action] = tx.actions;
  const actionCreator = common.SignatureHeader.deserializeBinary(action.header).getCreator_asU8();
  if (!sameBytes(actionCreator, tx.creator.bytes)) return 'the action was proposed by another creator than the one who signed the transaction (crosslinked)';
  if (!sameBytes(action.header, tx.signatureHeaderBytes)) return "the action's signature header is not the transaction's (crosslinked)";
  const expected = proposalHash(tx.channelHeaderBytes, action.header, action.chaincodeProposalPayload);
  if (!sameBytes(expected, action.proposalHash)) {
    return `the endorsers signed the answer to another proposal (proposal hash ${short(Buffer.from(action.proposalHash).toString('hex'))}, this transaction's is ${short(expected.toString('hex'))})`;
  }
  if (!tx.timestamp) return 'the channel header has no timestamp';
  return null;
}

export function checkTransactionIntegrity(ctx: BundleContext): CheckResult {
  return guarded('transaction-integrity', () => {
    const tx = ctx.transaction;
    const problem = integrityProblem(tx);
    if (problem) return fail('transaction-integrity', problem);
    return pass('transaction-integrity', `txId = SHA-256(nonce ‖ creator); the endorsed proposal hash is this transaction's; one creator throughout; proposed at ${tx.timestamp!.toISOString()}`);
  });
}

export function checkCreatorSignature(ctx: BundleContext): CheckResult {
  return guarded('creator-signature', () => {
    const creator = examineCreator(ctx.transaction, ctx.channelConfig);
    const who = creator.identity.mspId;
    if (!creator.signatureOk) return fail('creator-signature', `the ${who} creator's signature over the envelope does not verify`);
    if (!creator.membership.ok) return fail('creator-signature', creator.membership.reason);
    return pass('creator-signature', `submitted and signed by an identity of ${who}`);
  });
}

function endorsementsOf(ctx: BundleContext): SignerExamination[] {
  return ctx.transaction.actions.flatMap((action) => endorsementsOfAction(ctx, action));
}

/** Each action's endorsements examined once per bundle: three checks read them. */
const examinedActions = new WeakMap<EndorsedAction, SignerExamination[]>();

function endorsementsOfAction(ctx: BundleContext, action: EndorsedAction): SignerExamination[] {
  let examined = examinedActions.get(action);
  if (!examined) examinedActions.set(action, (examined = examineEndorsements(action, ctx.channelConfig, ctx.transaction.timestamp)));
  return examined;
}

export function checkEndorsementSignatures(ctx: BundleContext): CheckResult {
  return guarded('endorsement-signatures', () => {
    const examined = endorsementsOf(ctx);
    if (examined.length === 0) return fail('endorsement-signatures', 'the transaction carries no endorsements');
    const bad = examined.filter((e) => !e.signatureOk).map((e) => e.identity.mspId);
    if (bad.length > 0) return fail('endorsement-signatures', `the endorsement signature of ${bad.join(', ')} does not verify over the proposal response`);
    return pass('endorsement-signatures', `${examined.length} endorsement signatures verify (${examined.map((e) => e.identity.mspId).join(', ')})`);
  });
}

export function checkEndorserCertificates(ctx: BundleContext): CheckResult {
  return guarded('endorser-certificates', () => {
    const examined = endorsementsOf(ctx);
    if (examined.length === 0) return fail('endorser-certificates', 'the transaction carries no endorsements');
    const bad = examined.flatMap((e) => (e.membership.ok ? [] : [e.membership.reason]));
    if (bad.length > 0) return fail('endorser-certificates', bad.join('; '));
    return pass('endorser-certificates', `${examined.length} endorser certificates chain to their MSP's root CA in the config in effect, none revoked`);
  });
}

export function checkEndorsementPolicy(ctx: BundleContext, chaincodePolicy: string): CheckResult {
  return guarded('endorsement-policy', () => {
    const tx = ctx.transaction;
    const config = ctx.channelConfig;
    if (tx.actions.length === 0) return fail('endorsement-policy', 'the transaction has no endorsed action');
    const outcomes = tx.actions.flatMap((action) => {
      const signers = verifiedSigners(endorsementsOfAction(ctx, action));
      return requiredPolicies(action, config, chaincodePolicy).map((path) => ({ path, ...evaluatePolicy(path, config, signers) }));
    });
    const failed = outcomes.find((o) => !o.satisfied);
    if (failed) {
      return fail('endorsement-policy', `${failed.path} (${failed.description}) is not satisfied: only ${failed.satisfiedBy.join(', ') || 'no org'} endorsed validly`);
    }
    return pass('endorsement-policy', outcomes.map((o) => `${o.path} (${o.description}) satisfied by ${o.satisfiedBy.join(', ')}`).join('; '));
  });
}

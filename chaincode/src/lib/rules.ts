/**
 * The chaincode's pure rules, exported for the offline verifier: a rule proof re-runs these very
 * functions (one source, no copy) on the facts proven from the ledger. Nothing here reads state.
 */
export { checkLine, lineRecord, validAmount, isAfterMonthOfDeath, needsDeathRecord, type LineFacts, type LineDecision, type SubmittedLine } from '../rules/disbursement';
export { checkBatch, batchLines, batchRecord, batchContentHash } from '../rules/batch';
export { emptyPaidPeriod, withPostedLine, type PaidPeriod } from '../rules/payments';
export { coversPeriod, suspendForDeath, grant, suspend, reinstate, revoke, transferDistrict } from '../rules/eligibility';
export { deathToRecord, linesPaidAfterDeath, overpaymentFor, periodsAfterDeath, ADVANCE_PAYMENT_MONTHS } from '../rules/death';
export type { Stamp } from '../rules/stamp';

/**
 * The version of these rules. A chaincode definition names it in its version label
 * (`<package hash>+<rules version>`, see scripts/deploy-chaincode.sh), so a rule proof knows
 * which rules to re-run. Change it whenever a rule's outcome can change.
 */
export const RULES_VERSION = 'rules-1';

/** Eligibility decisions: the citizen ID becomes a subjectRef before anything reaches the ledger. */
import type { Eligibility } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import type { Receipt } from '../fabric/ledger';
import { actorFor, type Services } from './context';

export type EligibilityAction = 'Grant' | 'Suspend' | 'Reinstate' | 'Revoke' | 'TransferDistrict';

/** An import of many grants in one transaction: all granted, or none (the ledger's error names the first refused). */
export function importGrants(s: Services, caller: Caller, { grants }: { grants: Array<{ citizenId: string }> }): Promise<Receipt<{ granted: number }>> {
  const onLedger = grants.map((grant) => decisionOnLedger(s, 'Grant', grant));
  return s.ledger.submit(actorFor(caller), 'eligibility:GrantMany', [JSON.stringify({ grants: onLedger })]);
}

export function changeEligibility<T extends { citizenId: string }>(
  s: Services,
  caller: Caller,
  action: EligibilityAction,
  decision: T,
): Promise<Receipt<Eligibility>> {
  return s.ledger.submit(actorFor(caller), `eligibility:${action}`, [JSON.stringify(decisionOnLedger(s, action, decision))]);
}

/** A decision as the ledger takes it: the subjectRef in place of the citizen ID; a grant's validTo explicit. */
function decisionOnLedger(s: Services, action: EligibilityAction, { citizenId, ...decision }: { citizenId: string }): Record<string, unknown> {
  const onLedger: Record<string, unknown> = { ...decision, subjectRef: s.pseudonyms.subjectRef(citizenId) };
  if (action === 'Grant') onLedger.validTo = onLedger.validTo ?? null;
  return onLedger;
}

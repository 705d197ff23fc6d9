/** Eligibility decisions: the citizen ID becomes a subjectRef before anything reaches the ledger. */
import type { Eligibility } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import type { Receipt } from '../fabric/ledger';
import { actorFor, type Services } from './context';

export type EligibilityAction = 'Grant' | 'Suspend' | 'Reinstate' | 'Revoke' | 'TransferDistrict';

export function changeEligibility<T extends { citizenId: string }>(
  s: Services,
  caller: Caller,
  action: EligibilityAction,
  { citizenId, ...decision }: T,
): Promise<Receipt<Eligibility>> {
  const onLedger: Record<string, unknown> = { ...decision, subjectRef: s.pseudonyms.subjectRef(citizenId) };
  if (action === 'Grant') onLedger.validTo = onLedger.validTo ?? null;
  return s.ledger.submit(actorFor(caller), `eligibility:${action}`, [JSON.stringify(onLedger)]);
}

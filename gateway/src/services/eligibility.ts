import type { CheckKind, CheckResult, Eligibility } from '@welfare-ledger/chaincode/lib';
import type { Caller } from '../auth/roles';
import type { Receipt } from '../fabric/ledger';
import { actorFor, type Services } from './context';

export interface EligibilityGrantInput {
  citizenId: string;
  programmeId: string;
  validFrom: string;
  validTo?: string | null;
  districtCode: string;
  decisionRef: string;
  evidence?: { kind: string; sha256: string }[];
  checks: { check: CheckKind; result: CheckResult; sourceSystem: string }[];
}

export function grantEligibility(
  s: Services,
  caller: Caller,
  { citizenId, ...grant }: EligibilityGrantInput,
): Promise<Receipt<Eligibility>> {
  const onLedger = { ...grant, validTo: grant.validTo ?? null, subjectRef: s.pseudonyms.subjectRef(citizenId) };
  return s.ledger.submit(actorFor(caller), 'eligibility:Grant', [JSON.stringify(onLedger)]);
}

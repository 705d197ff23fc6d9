import type { Eligibility } from '../lib/records';
import type { PaidPeriod } from '../rules/payments';
import type { Ledger } from './ledger';
import { eligibilityKey, paidPeriodKey } from './tables';

/** A subject's eligibility for every programme they were ever granted, in programme id order (subjectProgramme, then one key each). */
export async function eligibilitiesOf(ledger: Ledger, subjectRef: string): Promise<Eligibility[]> {
  const eligibilities: Eligibility[] = [];
  for (const { programmeId } of await ledger.list('subjectProgramme', subjectRef)) {
    const eligibility = await ledger.get('eligibility', ...eligibilityKey(subjectRef, programmeId));
    if (eligibility) eligibilities.push(eligibility);
  }
  return eligibilities;
}

/** What was paid to a subject under each programme for each period (one key each), where anything was; by programme, then period. */
export async function paidPeriodsOf(ledger: Ledger, subjectRef: string, programmeIds: string[], periods: string[]): Promise<PaidPeriod[]> {
  const paid: PaidPeriod[] = [];
  for (const programmeId of programmeIds) {
    for (const period of periods) {
      const record = await ledger.get('paidPeriod', ...paidPeriodKey(subjectRef, programmeId, period));
      if (record) paid.push(record);
    }
  }
  return paid;
}

import type { LineFacts } from '../rules/disbursement';
import { emptyPaidPeriod } from '../rules/payments';
import type { Ledger } from './ledger';

/** Loads what the checks of one line need; repeated keys come from the ledger's per-key cache. */
export async function loadLineFacts(
  ledger: Ledger,
  line: { programmeId: string; subjectRef: string; period: string },
): Promise<LineFacts> {
  const programme = await ledger.get('programme', line.programmeId);
  if (!programme) {
    // Nothing else matters for a line of an unknown programme; skip the reads.
    return { programme, eligibility: null, death: null, paid: emptyPaidPeriod(line.subjectRef, line.programmeId, line.period) };
  }
  const [eligibility, death, paid] = await Promise.all([
    ledger.get('eligibility', line.subjectRef, line.programmeId),
    ledger.get('death', line.subjectRef),
    ledger.get('paidPeriod', line.subjectRef, line.programmeId, line.period),
  ]);
  return { programme, eligibility, death, paid: paid ?? emptyPaidPeriod(line.subjectRef, line.programmeId, line.period) };
}

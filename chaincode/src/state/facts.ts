import { needsDeathRecord, type LineFacts } from '../rules/disbursement';
import { emptyPaidPeriod } from '../rules/payments';
import type { Ledger } from './ledger';
import { eligibilityKey, paidPeriodKey } from './tables';

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
  const [eligibility, paid] = await Promise.all([
    ledger.get('eligibility', ...eligibilityKey(line.subjectRef, line.programmeId)),
    ledger.get('paidPeriod', ...paidPeriodKey(line.subjectRef, line.programmeId, line.period)),
  ]);
  const death = needsDeathRecord(eligibility) ? await ledger.get('death', line.subjectRef) : null;
  return { programme, eligibility, death, paid: paid ?? emptyPaidPeriod(line.subjectRef, line.programmeId, line.period) };
}

/**
 * Reads the facts of a batch's lines by range (Ledger.prefetch), so that loadLineFacts finds
 * them in the cache: the batch's subjects are contiguous under its programme (and period). The
 * few death records a batch needs (needsDeathRecord) are point reads.
 */
export async function prefetchLineFacts(ledger: Ledger, lines: Array<{ programmeId: string; subjectRef: string; period: string }>): Promise<void> {
  const known: typeof lines = [];
  for (const line of lines) if (await ledger.get('programme', line.programmeId)) known.push(line);
  await ledger.prefetch('eligibility', known.map((line) => eligibilityKey(line.subjectRef, line.programmeId)));
  await ledger.prefetch('paidPeriod', known.map((line) => paidPeriodKey(line.subjectRef, line.programmeId, line.period)));
}

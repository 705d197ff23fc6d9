import { LedgerError } from '../lib/ledger-error';
import { DECEASED_REASON, type Death, type DisbursementLine, type Overpayment } from '../lib/records';
import { addMonths, periodOf, shanghaiDate } from '../lib/time';
import type { DeathInput } from '../lib/inputs';
import { isAfterMonthOfDeath } from './disbursement';
import type { PaidPeriod } from './payments';
import type { Stamp } from './stamp';

/**
 * The death to record, or null when the same death is already recorded (a repeat feed is a
 * no-op). A different date for the same subject is a conflict to be resolved off-chain.
 */
export function deathToRecord(existing: Death | null, input: DeathInput, stamp: Stamp): Death | null {
  if (input.dateOfDeath > shanghaiDate(stamp.now)) {
    throw new LedgerError('VALIDATION', `death.dateOfDeath: ${input.dateOfDeath} is in the future`, { field: 'death.dateOfDeath' });
  }
  if (existing) {
    if (existing.dateOfDeath === input.dateOfDeath) return null;
    throw new LedgerError('DEATH_CONFLICT', `a death on ${existing.dateOfDeath} is already recorded for this subject`, {
      recorded: existing.dateOfDeath,
    });
  }
  return { ...input, recordedAt: stamp.now, recordedByMsp: stamp.msp, txId: stamp.txId };
}

/**
 * How many months past the month a death is recorded in it looks for payments made in advance.
 * A subject's paid periods are not listed (they are keyed by programme and period, laid out for
 * batches): each period after the month of death, up to this far ahead, is looked up instead.
 */
export const ADVANCE_PAYMENT_MONTHS = 24;

/** The periods whose payments a death recorded at `now` flags, oldest first. */
export function periodsAfterDeath(death: Death, now: string): string[] {
  const last = addMonths(periodOf(shanghaiDate(now)), ADVANCE_PAYMENT_MONTHS);
  const periods: string[] = [];
  for (let period = addMonths(periodOf(death.dateOfDeath), 1); period <= last; period = addMonths(period, 1)) periods.push(period);
  return periods;
}

/** The lines that paid the subject (POSTED or SETTLED) for periods after the month of death. */
export function linesPaidAfterDeath(paidPeriods: PaidPeriod[], death: Death): string[] {
  return paidPeriods.filter((paid) => isAfterMonthOfDeath(paid.period, death)).flatMap((paid) => paid.lineIds);
}

/** A payment made for a period after the month of death is an overpayment to recover. */
export function overpaymentFor(line: DisbursementLine & { amountFen: number }, death: Death, stamp: Stamp): Overpayment {
  return {
    lineId: line.lineId,
    subjectRef: line.subjectRef,
    programmeId: line.programmeId,
    period: line.period,
    amountFen: line.amountFen,
    reason: DECEASED_REASON,
    dateOfDeath: death.dateOfDeath,
    status: 'OPEN',
    flaggedAt: stamp.now,
    flaggedTxId: stamp.txId,
    recovery: null,
  };
}

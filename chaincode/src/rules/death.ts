import { LedgerError } from '../lib/ledger-error';
import { DECEASED_REASON, type Death, type DisbursementLine, type Overpayment } from '../lib/records';
import { shanghaiDate } from '../lib/time';
import type { DeathInput } from '../model/death';
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

/** The periods already paid to the subject that fall after the month of death. */
export function periodsPaidAfterDeath(paidPeriods: PaidPeriod[], death: Death): PaidPeriod[] {
  return paidPeriods.filter((paid) => isAfterMonthOfDeath(paid.period, death) && paid.lineIds.length > 0);
}

/** A payment that moved money for a period after the month of death is an overpayment to recover. */
export function overpaymentFor(line: DisbursementLine, death: Death, stamp: Stamp): Overpayment | null {
  if (line.status !== 'POSTED' && line.status !== 'SETTLED') return null;
  if (!isAfterMonthOfDeath(line.period, death) || line.amountFen === null) return null;
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

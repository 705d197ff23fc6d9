import { LedgerError } from '../lib/ledger-error';
import type { DisbursementLine, Overpayment } from '../lib/records';
import { shanghaiDate } from '../lib/time';
import type { SettlementInput } from '../lib/inputs';
import type { Stamp } from './stamp';

function requirePastDate(date: string, field: string, stamp: Stamp): void {
  if (date > shanghaiDate(stamp.now)) throw new LedgerError('VALIDATION', `${field}: ${date} is in the future`, { field });
}

/**
 * Settlement moves a POSTED line to SETTLED or RETURNED, once. The same settlement again is a
 * retry and returns null (nothing to write); anything else is an invalid transition.
 */
export function settle(line: DisbursementLine, input: SettlementInput, stamp: Stamp): DisbursementLine | null {
  requirePastDate(input.date, 'settlement.date', stamp);
  if (line.status !== 'POSTED') {
    const s = line.settlement;
    if (s && s.outcome === input.outcome && s.bankRef === input.bankRef && s.date === input.date) return null;
    throw new LedgerError('INVALID_TRANSITION', `line ${line.lineId} is ${line.status} and cannot become ${input.outcome}`, {
      from: line.status,
    });
  }
  if (input.date < shanghaiDate(line.postedAt)) {
    throw new LedgerError('VALIDATION', `settlement.date: ${input.date} is before the line was posted`, { field: 'settlement.date' });
  }
  return {
    ...line,
    status: input.outcome,
    settlement: { outcome: input.outcome, bankRef: input.bankRef, date: input.date, recordedAt: stamp.now, txId: stamp.txId },
  };
}

/** An OPEN overpayment is RECOVERED once, by a returned payment or a recorded recovery. */
export function recover(overpayment: Overpayment, ref: string, date: string, stamp: Stamp): Overpayment | null {
  requirePastDate(date, 'recovery.date', stamp);
  if (overpayment.status === 'RECOVERED') {
    if (overpayment.recovery?.ref === ref && overpayment.recovery.date === date) return null;
    throw new LedgerError('INVALID_TRANSITION', `the overpayment on line ${overpayment.lineId} is already RECOVERED`);
  }
  return { ...overpayment, status: 'RECOVERED', recovery: { ref, date, recordedAt: stamp.now, txId: stamp.txId } };
}

import type { LineRejectionCode } from '../lib/reason-codes';
import { DECEASED_REASON, type Death, type DisbursementLine, type Eligibility, type LineKind, type Programme } from '../lib/records';
import { periodOf } from '../lib/time';
import { coversPeriod } from './eligibility';
import type { PaidPeriod } from './payments';
import type { Stamp } from './stamp';

/** Everything the checks of one line look at. */
export interface LineFacts {
  programme: Programme | null;
  eligibility: Eligibility | null;
  /** The subject's death record where the checks depend on it (needsDeathRecord), else null. */
  death: Death | null;
  /** Already paid for the subject, programme and period, including earlier lines of the same batch. */
  paid: PaidPeriod;
}

export interface LineToCheck {
  period: string;
  kind: LineKind;
  amountFen: number | string;
}

export type LineDecision = { accepted: true; amountFen: number } | { accepted: false; reasonCode: LineRejectionCode };

/** A submitted amount as fen, or null when it is not a positive safe integer. */
export function validAmount(amount: number | string): number | null {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 ? amount : null;
}

/**
 * How a submitted amount is kept: as integer fen when it is a safe integer (even if not
 * positive), otherwise as text, because money in state is never a fraction.
 */
export function keptAmount(amount: number | string): { amountFen: number | null; submittedAmount?: string } {
  return typeof amount === 'number' && Number.isSafeInteger(amount) ? { amountFen: amount } : { amountFen: null, submittedAmount: String(amount) };
}

/**
 * Whether a line's checks depend on the subject's death record, given its eligibility: only for
 * an eligibility suspended for a death. RecordDeath suspends every ACTIVE eligibility of the
 * subject in the transaction that records the death, and a grant or reinstatement of a deceased
 * subject is refused, so an ACTIVE eligibility is never kept for a recorded death; with no
 * eligibility, or one suspended or revoked for another reason, the line is NOT_ELIGIBLE whatever
 * the death registry holds. So a payment reads the death record only then (one key fewer per line).
 */
export function needsDeathRecord(eligibility: Eligibility | null): boolean {
  return eligibility !== null && eligibility.status === 'SUSPENDED' && eligibility.reason === DECEASED_REASON;
}

export function isAfterMonthOfDeath(period: string, death: Death | null): boolean {
  return death !== null && period > periodOf(death.dateOfDeath);
}

/** Runs the SPEC §4 checks in order; the first that fails is the line's one reason code. */
export function checkLine(line: LineToCheck, facts: LineFacts): LineDecision {
  const reject = (reasonCode: LineRejectionCode): LineDecision => ({ accepted: false, reasonCode });
  if (!facts.programme) return reject('UNKNOWN_PROGRAM');
  const amountFen = validAmount(line.amountFen);
  if (amountFen === null) return reject('INVALID_AMOUNT');
  if (!coversPeriod(facts.eligibility, line.period, facts.death)) return reject('NOT_ELIGIBLE');
  if (isAfterMonthOfDeath(line.period, facts.death)) return reject('DECEASED');
  if (line.kind === 'REGULAR' && facts.paid.regularLineId !== null) return reject('DUPLICATE');
  if (facts.paid.paidFen + amountFen > facts.programme.monthlyCapFen) return reject('AMOUNT_EXCEEDS_STANDARD');
  return { accepted: true, amountFen };
}

/** A line as submitted, whether on its own or in a batch. */
export interface SubmittedLine {
  lineId: string;
  programmeId: string;
  period: string;
  subjectRef: string;
  amountFen: number | string;
  accountRef: string;
  kind: LineKind;
}

/** The line record for a decision: POSTED, or REJECTED with its one reason. */
export function lineRecord(line: SubmittedLine, batchId: string | null, decision: LineDecision, stamp: Stamp): DisbursementLine {
  return {
    lineId: line.lineId,
    batchId,
    programmeId: line.programmeId,
    period: line.period,
    subjectRef: line.subjectRef,
    ...keptAmount(line.amountFen),
    accountRef: line.accountRef,
    kind: line.kind,
    status: decision.accepted ? 'POSTED' : 'REJECTED',
    reasonCode: decision.accepted ? null : decision.reasonCode,
    postedAt: stamp.now,
    postedByMsp: stamp.msp,
    txId: stamp.txId,
    settlement: null,
  };
}

/** Whether a stored line is the same submission again (a retry), rather than different content under its id. */
export function isSameSubmission(stored: DisbursementLine, line: SubmittedLine, batchId: string | null): boolean {
  const kept = keptAmount(line.amountFen);
  return (
    stored.amountFen === kept.amountFen &&
    stored.submittedAmount === kept.submittedAmount &&
    stored.batchId === batchId &&
    stored.programmeId === line.programmeId &&
    stored.period === line.period &&
    stored.subjectRef === line.subjectRef &&
    stored.accountRef === line.accountRef &&
    stored.kind === line.kind
  );
}

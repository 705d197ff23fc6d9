import { LedgerError } from '../lib/ledger-error';
import {
  DECEASED_REASON,
  type Death,
  type Eligibility,
  type EligibilityAction,
  type EligibilityStatus,
  type Programme,
} from '../lib/records';
import { firstDayOf, lastDayOf } from '../lib/time';
import type { Stamp } from './stamp';
import type {
  GrantInput,
  ReinstateInput,
  RevokeInput,
  SuspendInput,
  TransferInput,
} from '../lib/inputs';

/** Which states each action may start from ('NONE' = no record yet). */
export const ALLOWED_FROM: Readonly<Record<EligibilityAction, readonly (EligibilityStatus | 'NONE')[]>> = {
  GRANT: ['NONE', 'REVOKED'],
  SUSPEND: ['ACTIVE'],
  REINSTATE: ['SUSPENDED'],
  REVOKE: ['ACTIVE', 'SUSPENDED'],
  TRANSFER_DISTRICT: ['ACTIVE', 'SUSPENDED'],
};


function requireAllowed(action: EligibilityAction, current: Eligibility | null): void {
  const from = current ? current.status : 'NONE';
  if (ALLOWED_FROM[action].includes(from)) return;
  if (from === 'NONE') throw new LedgerError('NOT_FOUND', 'no eligibility for this subject and programme');
  throw new LedgerError('INVALID_TRANSITION', `${action} is not allowed from ${from}`, { from, action });
}

function changed(current: Eligibility, action: EligibilityAction, stamp: Stamp, fields: Partial<Eligibility>): Eligibility {
  return { ...current, ...fields, lastAction: action, updatedAt: stamp.now, updatedByMsp: stamp.msp, txId: stamp.txId };
}

export function grant(
  current: Eligibility | null,
  input: GrantInput,
  programme: Programme | null,
  death: Death | null,
  stamp: Stamp,
): Eligibility {
  if (!programme) throw new LedgerError('UNKNOWN_PROGRAM', `programme ${input.programmeId} does not exist`);
  requireAllowed('GRANT', current);
  if (death) throw new LedgerError('DECEASED', `the subject died on ${death.dateOfDeath}`);
  const failed = input.checks.filter((c) => c.result === 'FAIL').map((c) => c.check);
  if (failed.length > 0) throw new LedgerError('CHECKS_FAILED', `checks failed: ${failed.join(', ')}`, { failed });
  return {
    subjectRef: input.subjectRef,
    programmeId: input.programmeId,
    status: 'ACTIVE',
    validFrom: input.validFrom,
    validTo: input.validTo,
    districtCode: input.districtCode,
    decisionRef: input.decisionRef,
    evidence: input.evidence,
    checks: input.checks,
    reason: null,
    lastAction: 'GRANT',
    grantedAt: stamp.now,
    updatedAt: stamp.now,
    updatedByMsp: stamp.msp,
    txId: stamp.txId,
  };
}

export function suspend(current: Eligibility | null, input: SuspendInput, stamp: Stamp): Eligibility {
  requireAllowed('SUSPEND', current);
  return changed(current!, 'SUSPEND', stamp, { status: 'SUSPENDED', reason: input.reason, decisionRef: input.decisionRef });
}

export function reinstate(current: Eligibility | null, input: ReinstateInput, death: Death | null, stamp: Stamp): Eligibility {
  requireAllowed('REINSTATE', current);
  if (death) throw new LedgerError('DECEASED', `the subject died on ${death.dateOfDeath}`);
  return changed(current!, 'REINSTATE', stamp, { status: 'ACTIVE', reason: null, decisionRef: input.decisionRef });
}

export function revoke(current: Eligibility | null, input: RevokeInput, stamp: Stamp): Eligibility {
  requireAllowed('REVOKE', current);
  return changed(current!, 'REVOKE', stamp, { status: 'REVOKED', reason: input.reason, decisionRef: input.decisionRef });
}

export function transferDistrict(current: Eligibility | null, input: TransferInput, stamp: Stamp): Eligibility {
  requireAllowed('TRANSFER_DISTRICT', current);
  if (current!.districtCode === input.districtCode) {
    throw new LedgerError('INVALID_TRANSITION', `already in district ${input.districtCode}`);
  }
  return changed(current!, 'TRANSFER_DISTRICT', stamp, { districtCode: input.districtCode, decisionRef: input.decisionRef });
}

/** The suspension the death registry applies to an ACTIVE eligibility; other states are left alone. */
export function suspendForDeath(current: Eligibility, death: Death, stamp: Stamp): Eligibility | null {
  if (current.status !== 'ACTIVE') return null;
  return changed(current, 'SUSPEND', stamp, { status: 'SUSPENDED', reason: DECEASED_REASON, decisionRef: `DEATH:${death.source}:${death.dateOfDeath}` });
}

/**
 * Whether an eligibility covers a period (any day of the month within validFrom..validTo).
 * A suspension by the death registry (reason DECEASED, death recorded) still counts here:
 * payments after the death are refused by the more specific DECEASED check, and those up to
 * the month of death stay due.
 */
export function coversPeriod(eligibility: Eligibility | null, period: string, death: Death | null): boolean {
  if (!eligibility) return false;
  const suspendedByDeath = eligibility.status === 'SUSPENDED' && eligibility.reason === DECEASED_REASON && death !== null;
  if (eligibility.status !== 'ACTIVE' && !suspendedByDeath) return false;
  if (eligibility.validFrom > lastDayOf(period)) return false;
  return eligibility.validTo === null || eligibility.validTo >= firstDayOf(period);
}

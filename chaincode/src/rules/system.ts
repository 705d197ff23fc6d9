import { LedgerError } from '../lib/ledger-error';
import { ROLE_ORGS, type SystemRecord, type SystemRole } from '../lib/records';
import type { RegistrationInput, SystemUpdate } from '../lib/inputs';
import type { Caller } from './roles';
import type { Stamp } from './stamp';

/** A role belongs to certain organisations (a finance role only to FinanceMSP, ...). */
function requireRolesFitOrg(roles: SystemRole[], org: string): void {
  const misfits = roles.filter((role) => ROLE_ORGS[role] && !ROLE_ORGS[role]!.includes(org));
  if (misfits.length > 0) {
    throw new LedgerError('FORBIDDEN', `${org} systems cannot hold the role(s) ${misfits.join(', ')}`, { roles: misfits });
  }
}

function requireOwnOrg(system: SystemRecord, caller: Caller): void {
  if (system.org !== caller.msp) throw new LedgerError('FORBIDDEN', `system ${system.systemId} belongs to ${system.org}`);
}

function requireActive(system: SystemRecord): void {
  if (system.status !== 'ACTIVE') throw new LedgerError('INVALID_TRANSITION', `system ${system.systemId} is ${system.status}`);
}

export function register(existing: SystemRecord | null, input: RegistrationInput, caller: Caller, stamp: Stamp): SystemRecord {
  if (input.org !== undefined && input.org !== caller.msp) {
    throw new LedgerError('FORBIDDEN', `an admin of ${caller.msp} registers only ${caller.msp} systems`);
  }
  requireRolesFitOrg(input.roles, caller.msp);
  if (existing) throw new LedgerError('ALREADY_EXISTS', `system ${input.systemId} is already registered (${existing.org})`);
  return {
    systemId: input.systemId,
    name: input.name,
    org: caller.msp,
    roles: input.roles,
    status: 'ACTIVE',
    certFingerprint: input.certFingerprint ?? null,
    registeredAt: stamp.now,
    updatedAt: stamp.now,
    updatedBy: caller.id,
    txId: stamp.txId,
  };
}

function found(existing: SystemRecord | null, systemId: string): SystemRecord {
  if (!existing) throw new LedgerError('NOT_FOUND', `system ${systemId} is not registered`);
  return existing;
}

export function update(existing: SystemRecord | null, input: SystemUpdate, caller: Caller, stamp: Stamp): SystemRecord {
  const system = found(existing, input.systemId);
  requireOwnOrg(system, caller);
  requireActive(system);
  const roles = input.roles ?? system.roles;
  requireRolesFitOrg(roles, system.org);
  return {
    ...system,
    name: input.name ?? system.name,
    roles,
    certFingerprint: input.certFingerprint ?? system.certFingerprint,
    updatedAt: stamp.now,
    updatedBy: caller.id,
    txId: stamp.txId,
  };
}

/** Retiring is final; a REVOKED system can be retired too. */
export function retire(existing: SystemRecord | null, systemId: string, caller: Caller, stamp: Stamp): SystemRecord {
  const system = found(existing, systemId);
  requireOwnOrg(system, caller);
  if (system.status === 'RETIRED') throw new LedgerError('INVALID_TRANSITION', `system ${systemId} is RETIRED`);
  return { ...system, status: 'RETIRED', updatedAt: stamp.now, updatedBy: caller.id, txId: stamp.txId };
}

/** A compromised system is shut out: its certificate is refused until an admin reinstates it. */
export function revoke(existing: SystemRecord | null, systemId: string, caller: Caller, stamp: Stamp): SystemRecord {
  const system = found(existing, systemId);
  requireOwnOrg(system, caller);
  requireActive(system);
  return { ...system, status: 'REVOKED', updatedAt: stamp.now, updatedBy: caller.id, txId: stamp.txId };
}

/** Only a REVOKED system is reinstated (by its org's registrar: an admin, through the org's gateway), on the chain. */
export function reinstate(existing: SystemRecord | null, systemId: string, caller: Caller, stamp: Stamp): SystemRecord {
  const system = found(existing, systemId);
  requireOwnOrg(system, caller);
  if (system.status !== 'REVOKED') throw new LedgerError('INVALID_TRANSITION', `system ${systemId} is ${system.status}, not REVOKED`);
  return { ...system, status: 'ACTIVE', updatedAt: stamp.now, updatedBy: caller.id, txId: stamp.txId };
}

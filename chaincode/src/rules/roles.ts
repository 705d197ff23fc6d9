import { LedgerError } from '../lib/ledger-error';
import { MEMBER_ORGS, ORGS, type SystemRecord, type SystemRole } from '../lib/records';

/** Who is calling, as read from the client identity. */
export interface Caller {
  msp: string;
  /** Values of the certificate attribute `welfare.roles`, if the certificate carries one. */
  roles: string[] | null;
  isAdmin: boolean;
  /** x509::subject::issuer */
  id: string;
}

/** Who may write what: the organisation, and the role a certificate must name if it names one. */
export const WRITERS = {
  programmes: { orgs: [ORGS.CIVIL_AFFAIRS], role: 'civil-affairs' },
  eligibility: { orgs: [ORGS.CIVIL_AFFAIRS], role: 'civil-affairs' },
  deaths: { orgs: [ORGS.CIVIL_AFFAIRS], role: 'civil-affairs' },
  disbursements: { orgs: [ORGS.FINANCE], role: 'finance' },
  accessEvents: { orgs: MEMBER_ORGS, role: 'access-log' },
} as const satisfies Record<string, { orgs: readonly string[]; role: SystemRole }>;

export type WrittenThing = keyof typeof WRITERS;

export function mayWrite(caller: Caller, thing: WrittenThing): boolean {
  const writer = WRITERS[thing];
  if (!(writer.orgs as readonly string[]).includes(caller.msp)) return false;
  return caller.roles === null || caller.roles.includes(writer.role);
}

export function requireWriter(caller: Caller, thing: WrittenThing): void {
  if (!mayWrite(caller, thing)) {
    throw new LedgerError('FORBIDDEN', `${caller.msp} may not write ${thing}`, { msp: caller.msp });
  }
}

export function requireMember(caller: Caller): void {
  if (!MEMBER_ORGS.includes(caller.msp)) {
    throw new LedgerError('FORBIDDEN', `${caller.msp} is not a member organisation`, { msp: caller.msp });
  }
}

/**
 * Who may change an org's system registry: an org admin (OU admin, or a certificate naming the
 * admin role), or the org's gateway identity: a client certificate naming no role, which only that
 * org's gateway holds and which acts for the admin systems the gateway has authenticated.
 */
export function requireRegistrar(caller: Caller): void {
  requireMember(caller);
  if (!caller.isAdmin && caller.roles !== null) throw new LedgerError('FORBIDDEN', `only an admin of ${caller.msp} may do this`);
}

/**
 * When the registry records a system's certificate fingerprint, only that certificate speaks for the
 * system: another one the org's CA issues under the same name needs a recorded registry update first.
 */
export function requireRegisteredCertificate(system: SystemRecord, fingerprintOfCaller: () => string): void {
  if (system.certFingerprint === null) return;
  if (fingerprintOfCaller() !== system.certFingerprint) {
    throw new LedgerError('FORBIDDEN', `the certificate is not the one registered for system ${system.systemId}`, { systemId: system.systemId });
  }
}

/** A system's own certificate counts only while the registry holds the system ACTIVE in the same org. */
export function requireActiveSystem(system: SystemRecord | null, systemId: string, caller: Caller): void {
  if (!system) throw new LedgerError('FORBIDDEN', `system ${systemId} is not registered`, { systemId });
  if (system.org !== caller.msp) throw new LedgerError('FORBIDDEN', `system ${systemId} belongs to ${system.org}`, { systemId });
  if (system.status !== 'ACTIVE') throw new LedgerError('FORBIDDEN', `system ${systemId} is ${system.status}`, { systemId });
}

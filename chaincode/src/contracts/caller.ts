import type { Context } from 'fabric-contract-api';
import type { Caller } from '../rules/roles';
import type { Stamp } from '../rules/stamp';
import type { Ledger } from '../state/ledger';

/**
 * The organisational units in the subject of an identity id `x509::/C=../OU=admin/CN=..::issuer`.
 * cryptogen with NodeOUs gives an org's admin certificate OU=admin.
 */
export function subjectOrganisationalUnits(identityId: string): string[] {
  const subject = identityId.split('::')[1] ?? '';
  return subject
    .split(/(?<!\\)\//)
    .filter((part) => part.startsWith('OU='))
    .map((part) => part.slice(3).replace(/\\\//g, '/'));
}

export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  const roleAttribute = identity.getAttributeValue('role');
  const roles = roleAttribute ? roleAttribute.split(',').map((role) => role.trim()).filter(Boolean) : null;
  const id = identity.getID();
  const isAdmin = (roles?.includes('admin') ?? false) || subjectOrganisationalUnits(id).includes('admin');
  return { msp: identity.getMSPID(), roles, isAdmin, id };
}

export function stampOf(ledger: Ledger, caller: Caller): Stamp {
  return { now: ledger.now, txId: ledger.txId, msp: caller.msp };
}

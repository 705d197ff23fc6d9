import type { Context } from 'fabric-contract-api';
import { createHash, X509Certificate } from 'node:crypto';
import { requireActiveSystem, requireRegisteredCertificate, type Caller } from '../rules/roles';
import type { Stamp } from '../rules/stamp';
import { Ledger } from '../state/ledger';

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

/** The certificate attributes an org's CA writes into a system's enrollment certificate. */
export const ROLES_ATTRIBUTE = 'welfare.roles';
export const SYSTEM_ATTRIBUTE = 'welfare.systemId';

/**
 * Who is calling, from the certificate: its org, the roles its `welfare.roles` attribute names
 * and, for a system's own certificate (`welfare.systemId`), that the registry knows the system as
 * ACTIVE in the same org and, when the registry holds its fingerprint, only that very certificate;
 * a retired or revoked system's certificate is refused here, before any rule runs.
 */
export async function callerOf(ctx: Context): Promise<Caller> {
  const identity = ctx.clientIdentity;
  const roleAttribute = identity.getAttributeValue(ROLES_ATTRIBUTE);
  const roles = roleAttribute ? roleAttribute.split(',').map((role) => role.trim()).filter(Boolean) : null;
  const id = identity.getID();
  const isAdmin = (roles?.includes('admin') ?? false) || subjectOrganisationalUnits(id).includes('admin');
  const caller = { msp: identity.getMSPID(), roles, isAdmin, id };
  const systemId = identity.getAttributeValue(SYSTEM_ATTRIBUTE);
  if (systemId) {
    const system = await new Ledger(ctx.stub).get('system', systemId);
    requireActiveSystem(system, systemId, caller);
    requireRegisteredCertificate(system!, () => certificateFingerprint(identity.getIDBytes()));
  }
  return caller;
}

/**
 * Fingerprints already computed, by certificate PEM: a system sends the same certificate with every
 * transaction, and parsing it again each time showed in the profile of the bench's own-certificate
 * round. A pure function's memo, so endorsers still agree; bounded, as certificates come and go.
 */
const fingerprints = new Map<string, string>();
const MAX_REMEMBERED_CERTIFICATES = 1000;

/** sha256 hex of a certificate's DER, from the PEM bytes the peer hands over (as the registry records it). */
export function certificateFingerprint(certificatePem: Uint8Array): string {
  const pem = Buffer.from(certificatePem).toString('latin1');
  let fingerprint = fingerprints.get(pem);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
    if (fingerprints.size >= MAX_REMEMBERED_CERTIFICATES) fingerprints.clear();
    fingerprints.set(pem, fingerprint);
  }
  return fingerprint;
}

export function stampOf(ledger: Ledger, caller: Caller): Stamp {
  return { now: ledger.now, txId: ledger.txId, msp: caller.msp };
}

/**
 * "Entering the chain": an org admin registers a system on the ledger's registry; the system gets
 * its own X.509 identity from the org's CA (its roles as a certificate attribute, the fingerprint
 * on the chain, the key in this gateway's key store) and an API key, shown once. Keys rotate and
 * can be revoked; retiring a system ends its key. Revoking or retiring a system also revokes its
 * certificate at the org's CA; peers refuse it once scripts/channel-crl-update.sh has put the CA's
 * CRL into the channel configuration.
 */
import type { SystemRecord } from '@welfare-ledger/chaincode/lib';
import type { Caller, Role } from '../auth/roles';
import { ApiError, notFound } from '../errors';
import type { Receipt } from '../fabric/ledger';
import type { RevokedCertificate } from '../fabric/system-identities';
import { actorFor, type Services } from './context';

export interface SystemInput {
  systemId: string;
  name: string;
  roles: Role[];
  certFingerprint?: string;
}

export async function registerSystem(s: Services, caller: Caller, input: SystemInput): Promise<Receipt<SystemRecord> & { apiKey: string }> {
  // Enrolled before the registry knows it (the certificate counts only once the registration
  // commits), and never over a system the registry already has.
  const enroll = s.identities && !input.certFingerprint && !(await isRegistered(s, caller, input.systemId));
  const certFingerprint = enroll ? (await s.identities!.enroll(input.systemId, input.roles)).fingerprint : input.certFingerprint;
  const registration = certFingerprint ? { ...input, certFingerprint } : input;
  const receipt = await s.ledger.submit<SystemRecord>(actorFor(caller), 'system:RegisterSystem', [JSON.stringify(registration)]);
  const apiKey = s.keys.issue({ systemId: input.systemId, mspId: caller.mspId, roles: input.roles });
  s.systems.forget();
  return { ...receipt, apiKey };
}

async function isRegistered(s: Services, caller: Caller, systemId: string): Promise<boolean> {
  try {
    await s.ledger.evaluate<SystemRecord>(actorFor(caller), 'system:ReadSystem', [systemId]);
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return false;
    throw err;
  }
}

export function listSystems(s: Services, caller: Caller): Promise<SystemRecord[]> {
  return s.ledger.evaluate(actorFor(caller), 'system:ListSystems', []);
}

/** The key record of a system of the admin's own org; another org's system is as good as unknown. */
function ownSystem(s: Services, caller: Caller, systemId: string) {
  const found = s.keys.find(systemId);
  if (!found || found.mspId !== caller.mspId) throw notFound(`no system ${systemId} of ${caller.mspId}`);
  return found;
}

export function rotateKey(s: Services, caller: Caller, systemId: string): { systemId: string; apiKey: string } {
  const system = ownSystem(s, caller, systemId);
  if (system.status === 'RETIRED') throw new ApiError(409, 'INVALID_TRANSITION', `${systemId} is retired`);
  if (system.status === 'REVOKED') throw new ApiError(409, 'INVALID_TRANSITION', `${systemId} is revoked: an admin reinstates it first`);
  return { systemId, apiKey: s.keys.issue(system) };
}

/**
 * Shuts a (compromised) system out: its certificate revoked at the CA, REVOKED on the chain, so the
 * chaincode refuses its own certificate, then its key here. It stays out, through any rotation,
 * until reinstated. The CA comes first: if the submit then fails, the system is shut out more, not
 * less, and a retry revokes nothing twice.
 */
export async function revokeKey(
  s: Services,
  caller: Caller,
  systemId: string,
): Promise<{ systemId: string; status: 'REVOKED'; txId: string; revokedCertificate?: RevokedCertificate }> {
  const system = ownSystem(s, caller, systemId);
  if (system.status === 'RETIRED') throw new ApiError(409, 'INVALID_TRANSITION', `${systemId} is retired`);
  const revokedCertificate = await revokeCertificate(s, systemId);
  const receipt = await s.ledger.submit<SystemRecord>(actorFor(caller), 'system:RevokeSystem', [systemId]);
  s.keys.setStatus(systemId, 'REVOKED');
  s.systems.forget();
  s.ledger.forgetSystem(systemId);
  return { systemId, status: 'REVOKED', txId: receipt.txId, ...(revokedCertificate && { revokedCertificate }) };
}

/** The system's certificate revoked at the org's CA, if this gateway enrolled it. */
async function revokeCertificate(s: Services, systemId: string): Promise<RevokedCertificate | undefined> {
  try {
    return await s.identities?.revoke(systemId);
  } catch (err) {
    // The CA's answer goes to the log (as `internal`), not to the caller.
    throw Object.assign(new ApiError(502, 'CA_UNAVAILABLE', `the certificate of ${systemId} could not be revoked at the CA; nothing changed on the ledger`), { internal: err });
  }
}

/**
 * An admin's recorded decision that a revoked system may return: ACTIVE on the chain, and a new key.
 * Its old certificate was revoked at the CA, so it gets a new one first (if this gateway enrolled
 * it), whose fingerprint the registry then records; until that update commits, the chaincode still
 * names the old (revoked) certificate, so the system cannot write with the new one yet.
 */
export async function reinstateSystem(s: Services, caller: Caller, systemId: string): Promise<Receipt<SystemRecord> & { apiKey: string }> {
  const system = ownSystem(s, caller, systemId);
  // Only a revoked system gets a new certificate: any other is left as it is for the chain to refuse.
  const renew = system.status === 'REVOKED' && s.identities?.find(systemId) !== undefined;
  const enrolled = renew ? await reenroll(s, systemId, system.roles) : undefined;
  let receipt = await s.ledger.submit<SystemRecord>(actorFor(caller), 'system:ReinstateSystem', [systemId]);
  if (enrolled) {
    receipt = await s.ledger.submit<SystemRecord>(actorFor(caller), 'system:UpdateSystem', [JSON.stringify({ systemId, certFingerprint: enrolled.fingerprint })]);
    s.ledger.forgetSystem(systemId);
  }
  s.systems.forget();
  return { ...receipt, apiKey: s.keys.issue(system) };
}

async function reenroll(s: Services, systemId: string, roles: string[]) {
  try {
    return await s.identities!.reenroll(systemId, roles);
  } catch (err) {
    throw Object.assign(new ApiError(502, 'CA_UNAVAILABLE', `${systemId} could not be given a new certificate at the CA; nothing changed on the ledger`), { internal: err });
  }
}

export async function retireSystem(s: Services, caller: Caller, systemId: string): Promise<Receipt<SystemRecord>> {
  ownSystem(s, caller, systemId);
  // A retired system's certificate is of no further use: revoked at the CA first (as for revokeKey).
  await revokeCertificate(s, systemId);
  // Then the ledger: if the submit fails, the system stays ACTIVE in ledger and key store. Once the
  // chain says RETIRED, the chaincode refuses the system's own certificate even before its key ends here.
  const receipt = await s.ledger.submit<SystemRecord>(actorFor(caller), 'system:RetireSystem', [systemId]);
  s.keys.setStatus(systemId, 'RETIRED');
  s.systems.forget();
  s.ledger.forgetSystem(systemId);
  return receipt;
}

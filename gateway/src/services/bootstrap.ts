/**
 * Makes sure the bootstrap systems are registered on the chain's registry (the ledger accepts
 * access events only from systems it knows). Retries while the chaincode is still starting.
 */
import type { SystemRecord } from '@welfare-ledger/chaincode/lib';
import type { Logger } from 'pino';
import type { BootstrapSystem } from '../auth/bootstrap';
import { ApiError } from '../errors';
import type { Ledger } from '../fabric/ledger';
import type { SystemIdentities } from '../fabric/system-identities';

export async function registerBootstrapSystems(
  ledger: Ledger,
  systems: { mspId: string; system: BootstrapSystem }[],
  log: Logger,
  identities?: SystemIdentities,
): Promise<void> {
  for (const { mspId, system } of systems) {
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureRegistered(ledger, mspId, system, identities);
        break;
      } catch (err) {
        if (attempt >= 30) throw err;
        log.warn({ systemId: system.systemId, attempt, code: (err as ApiError).code }, 'bootstrap system not registered yet; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}

/** Registered under the org's gateway identity; with a CA, the system is enrolled first and its fingerprint recorded. */
async function ensureRegistered(ledger: Ledger, mspId: string, system: BootstrapSystem, identities?: SystemIdentities): Promise<void> {
  try {
    await ledger.evaluate<SystemRecord>({ mspId }, 'system:ReadSystem', [system.systemId]);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'NOT_FOUND') throw err;
    const enrolled = identities ? await identities.enroll(system.systemId, system.roles) : undefined;
    await ledger.submit({ mspId }, 'system:RegisterSystem', [
      JSON.stringify({ systemId: system.systemId, name: system.name, roles: system.roles, ...(enrolled && { certFingerprint: enrolled.fingerprint }) }),
    ]);
  }
}

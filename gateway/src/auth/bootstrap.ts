/**
 * First start: an admin system and a business system of the gateway's org, with their
 * API keys written to bootstrap-keys.json (mode 0600) in the state directory. Later starts
 * make sure those systems are registered on the chain (the ledger refuses access events from a
 * system it does not know).
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import type { KeyStore } from './key-store';
import type { Role } from './roles';
import { writeSecretFile } from './secrets';

export interface BootstrapSystem {
  systemId: string;
  name: string;
  roles: Role[];
}

export const BOOTSTRAP_SYSTEMS: Record<string, BootstrapSystem[]> = {
  CivilAffairsMSP: [
    { systemId: 'civil-affairs-admin', name: 'Civil affairs: key administration', roles: ['admin'] },
    { systemId: 'civil-affairs-system', name: 'Civil affairs business system', roles: ['civil-affairs', 'inspector', 'access-log'] },
  ],
  FinanceMSP: [
    { systemId: 'finance-admin', name: 'Finance: key administration', roles: ['admin'] },
    { systemId: 'finance-system', name: 'Finance payment system', roles: ['finance', 'access-log'] },
  ],
  AuditMSP: [
    { systemId: 'audit-admin', name: 'Audit: key administration', roles: ['admin'] },
    { systemId: 'audit-system', name: 'Audit and inspection system', roles: ['auditor', 'inspector', 'access-log'] },
  ],
};

/**
 * Issues keys to the org's bootstrap systems the key store does not know: at first start, or when
 * the key store (gateway.db) was lost. Keys are never taken back from an existing file: they may have
 * been rotated or revoked since it was written. The missing systems get new keys, written to a new
 * file (mode 0600) that replaces the old one.
 */
export function bootstrapKeys(stateDir: string, mspId: string, keys: KeyStore): { mspId: string; system: BootstrapSystem }[] {
  const systems = (BOOTSTRAP_SYSTEMS[mspId] ?? []).map((system) => ({ mspId, system }));
  const missing = systems.filter(({ system }) => !keys.find(system.systemId));
  if (missing.length > 0) {
    const issued: Record<string, { mspId: string; roles: Role[]; apiKey: string }> = {};
    for (const { system } of missing) {
      issued[system.systemId] = { mspId, roles: system.roles, apiKey: keys.issue({ systemId: system.systemId, mspId, roles: system.roles }) };
    }
    const file = path.join(stateDir, 'bootstrap-keys.json');
    rmSync(file, { force: true });
    writeSecretFile(file, JSON.stringify(issued, null, 2) + '\n');
  }
  return systems;
}

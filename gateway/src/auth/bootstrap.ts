/**
 * First start: an admin system and a business system of the gateway's org, with their
 * API keys written once to bootstrap-keys.json (mode 0600) in the state directory. Later starts
 * make sure those systems are registered on the chain (the ledger refuses access events from a
 * system it does not know).
 */
import { existsSync, readFileSync } from 'node:fs';
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
 * Issues the bootstrap keys once; returns the systems of the held orgs either way. A state
 * database made after the key file (e.g. deleted) takes the keys back from the file.
 */
export function bootstrapKeys(stateDir: string, mspId: string, keys: KeyStore): { mspId: string; system: BootstrapSystem }[] {
  const systems = (BOOTSTRAP_SYSTEMS[mspId] ?? []).map((system) => ({ mspId, system }));
  const file = path.join(stateDir, 'bootstrap-keys.json');
  if (!existsSync(file)) {
    const issued: Record<string, { mspId: string; roles: Role[]; apiKey: string }> = {};
    for (const { mspId, system } of systems) {
      issued[system.systemId] = { mspId, roles: system.roles, apiKey: keys.issue({ systemId: system.systemId, mspId, roles: system.roles }) };
    }
    writeSecretFile(file, JSON.stringify(issued, null, 2) + '\n');
  } else {
    const issued = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { mspId: string; roles: Role[]; apiKey: string }>;
    for (const [systemId, { mspId, roles, apiKey }] of Object.entries(issued)) {
      if (!keys.find(systemId)) keys.store({ systemId, mspId, roles }, apiKey);
    }
  }
  return systems;
}

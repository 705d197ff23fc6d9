/**
 * API keys of registered systems, stored only as SHA-256 hashes and compared in constant time.
 * The first start creates an admin system and a business system for each org the gateway holds,
 * and writes their keys once to bootstrap-keys.json (mode 0600) in the state directory.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Caller, Role } from './roles';
import { newApiKey, writeSecretFile } from './secrets';

interface StoredKey extends Caller {
  keyHash: string;
  status: 'ACTIVE' | 'REVOKED';
}

const BOOTSTRAP_SYSTEMS: Record<string, { systemId: string; roles: Role[] }[]> = {
  CivilAffairsMSP: [
    { systemId: 'civil-affairs-admin', roles: ['admin'] },
    { systemId: 'civil-affairs-system', roles: ['civil-affairs', 'inspector', 'access-log'] },
  ],
  FinanceMSP: [
    { systemId: 'finance-admin', roles: ['admin'] },
    { systemId: 'finance-system', roles: ['finance', 'access-log'] },
  ],
  AuditMSP: [
    { systemId: 'audit-admin', roles: ['admin'] },
    { systemId: 'audit-system', roles: ['auditor', 'inspector', 'access-log'] },
  ],
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export class KeyStore {
  private keys: StoredKey[];

  constructor(private readonly file: string) {
    this.keys = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredKey[]) : [];
  }

  static open(stateDir: string, heldOrgs: string[]): KeyStore {
    const store = new KeyStore(path.join(stateDir, 'api-keys.json'));
    const bootstrapFile = path.join(stateDir, 'bootstrap-keys.json');
    if (!existsSync(bootstrapFile)) {
      const issued: Record<string, { mspId: string; roles: Role[]; apiKey: string }> = {};
      for (const mspId of heldOrgs) {
        for (const { systemId, roles } of BOOTSTRAP_SYSTEMS[mspId] ?? []) {
          issued[systemId] = { mspId, roles, apiKey: store.issue({ systemId, mspId, roles }) };
        }
      }
      writeSecretFile(bootstrapFile, JSON.stringify(issued, null, 2) + '\n');
    }
    return store;
  }

  /** Registers (or re-keys) a system and returns its new key; only the hash is kept. */
  issue(caller: Caller): string {
    const apiKey = newApiKey();
    this.keys = this.keys.filter((k) => k.systemId !== caller.systemId);
    this.keys.push({ ...caller, keyHash: sha256(apiKey).toString('hex'), status: 'ACTIVE' });
    this.save();
    return apiKey;
  }

  authenticate(apiKey: string): Caller | undefined {
    const presented = sha256(apiKey);
    let found: StoredKey | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(presented, Buffer.from(key.keyHash, 'hex')) && key.status === 'ACTIVE') found = key;
    }
    return found && { systemId: found.systemId, mspId: found.mspId, roles: found.roles };
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.keys, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

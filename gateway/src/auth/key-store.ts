/**
 * API keys of registered systems, stored only as SHA-256 hashes and compared in constant time.
 * A rotated key replaces the old one at once; a revoked key or a retired system gets 401 at once.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { StateDb } from '../store/state-db';
import type { Caller, Role } from './roles';
import { newApiKey } from './secrets';

export type KeyStatus = 'ACTIVE' | 'REVOKED' | 'RETIRED';

interface KeyRow {
  system_id: string;
  msp_id: string;
  roles: string;
  key_hash: string;
  status: KeyStatus;
  issued_at: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class KeyStore {
  constructor(private readonly db: StateDb) {}

  /** Issues a new key for a system (first key or rotation) and returns it: the only time it is seen. */
  issue(caller: Caller): string {
    const apiKey = newApiKey();
    this.store(caller, apiKey);
    return apiKey;
  }

  /** Keeps (the hash of) a key that was issued earlier, e.g. a bootstrap key from its 0600 file. */
  store(caller: Caller, apiKey: string): void {
    this.db
      .prepare(
        `INSERT INTO api_keys (system_id, msp_id, roles, key_hash, status, issued_at)
         VALUES (?, ?, ?, ?, 'ACTIVE', ?)
         ON CONFLICT (system_id) DO UPDATE SET msp_id = excluded.msp_id, roles = excluded.roles,
           key_hash = excluded.key_hash, status = 'ACTIVE', issued_at = excluded.issued_at`,
      )
      .run(caller.systemId, caller.mspId, JSON.stringify(caller.roles), sha256Hex(apiKey), new Date().toISOString());
  }

  authenticate(apiKey: string): Caller | undefined {
    const presented = sha256Hex(apiKey);
    const row = this.db.prepare('SELECT * FROM api_keys WHERE key_hash = ?').get(presented) as KeyRow | undefined;
    if (!row || row.status !== 'ACTIVE') return undefined;
    if (!timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(presented, 'hex'))) return undefined;
    return { systemId: row.system_id, mspId: row.msp_id, roles: JSON.parse(row.roles) as Role[] };
  }

  find(systemId: string): (Caller & { status: KeyStatus }) | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE system_id = ?').get(systemId) as KeyRow | undefined;
    return row && { systemId: row.system_id, mspId: row.msp_id, roles: JSON.parse(row.roles) as Role[], status: row.status };
  }

  setStatus(systemId: string, status: Exclude<KeyStatus, 'ACTIVE'>): void {
    this.db.prepare('UPDATE api_keys SET status = ? WHERE system_id = ?').run(status, systemId);
  }
}

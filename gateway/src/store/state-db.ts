/**
 * The gateway's own durable state (unlike the index, it cannot be rebuilt from the chain):
 * API key hashes and idempotent responses. SQLite, WAL, file mode 0600.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';

export type StateDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  system_id  TEXT PRIMARY KEY,
  msp_id     TEXT NOT NULL,
  roles      TEXT NOT NULL,          -- JSON array
  key_hash   TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the key; the key itself is never stored
  status     TEXT NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED', 'RETIRED')),
  issued_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
  system_id     TEXT NOT NULL,
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  body          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (system_id, key)
);
`;

export function openStateDb(file: string): StateDb {
  const isNew = file !== ':memory:' && !existsSync(file);
  const db = new Database(file);
  if (isNew) chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  return db;
}

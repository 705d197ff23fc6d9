/**
 * The gateway's own durable state (unlike the index, it cannot be rebuilt from the chain):
 * API key hashes and idempotent answers to writes (keyed hashes of the requests, never their bodies). SQLite, WAL, file mode 0600.
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
-- Before keyed hashes: a plain hash of request bodies that held citizen IDs. Not kept.
DROP TABLE IF EXISTS idempotency;
CREATE TABLE IF NOT EXISTS idempotent_answers (
  key_hmac      TEXT PRIMARY KEY,      -- HMAC of (system, Idempotency-Key); the key itself is not stored
  request_hmac  TEXT NOT NULL,         -- HMAC of method, path, query and body; never the body
  status        INTEGER NOT NULL,
  body          TEXT NOT NULL,         -- a write's receipt (pseudonyms only); reads of personal data are never stored
  created_at    TEXT NOT NULL
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

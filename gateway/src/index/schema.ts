/**
 * The index's tables. Every row that answers a query carries the txId of the transaction that
 * wrote it and that transaction's block number; history rows also keep their position on the
 * chain (block, transaction index in the block, change index in the event), which is the one
 * order every answer uses. `record` columns hold the record as the ledger announced it.
 */
import * as path from 'node:path';
import { type IndexDb, openSqlite } from './sqlite';

/** Where the gateway keeps its index: `<stateDir>/index.db`. */
export function indexFile(stateDir: string): string {
  return path.join(stateDir, 'index.db');
}

/** Bump when a table changes: an index of another version is rebuilt, never migrated. */
export const INDEX_SCHEMA_VERSION = 1;

const TABLES = `
CREATE TABLE checkpoint (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  block_number    INTEGER NOT NULL,     -- the last block read (wholly or in part)
  tx_id           TEXT,                 -- the last transaction applied in that block, if any
  block_complete  INTEGER NOT NULL      -- 1 once every transaction of block_number is applied
);

-- Every VALID transaction read, with or without a ledger event: a receipt's txId can be waited for.
CREATE TABLE transactions (
  tx_id         TEXT PRIMARY KEY,
  block_number  INTEGER NOT NULL,
  tx_index      INTEGER NOT NULL,
  change_count  INTEGER NOT NULL,
  UNIQUE (block_number, tx_index)
);

CREATE TABLE programmes (
  programme_id  TEXT PRIMARY KEY,
  record        TEXT NOT NULL,
  tx_id         TEXT NOT NULL,
  block_number  INTEGER NOT NULL
);

CREATE TABLE systems (
  system_id     TEXT PRIMARY KEY,
  org           TEXT NOT NULL,
  status        TEXT NOT NULL,
  record        TEXT NOT NULL,
  tx_id         TEXT NOT NULL,
  block_number  INTEGER NOT NULL
);

CREATE TABLE eligibility (
  subject_ref    TEXT NOT NULL,
  programme_id   TEXT NOT NULL,
  status         TEXT NOT NULL,
  district_code  TEXT NOT NULL,
  record         TEXT NOT NULL,
  tx_id          TEXT NOT NULL,
  block_number   INTEGER NOT NULL,
  PRIMARY KEY (subject_ref, programme_id)
);
CREATE INDEX eligibility_by_programme_district ON eligibility (programme_id, district_code);

CREATE TABLE eligibility_history (
  tx_id          TEXT NOT NULL,
  change_index   INTEGER NOT NULL,
  block_number   INTEGER NOT NULL,
  tx_index       INTEGER NOT NULL,
  subject_ref    TEXT NOT NULL,
  programme_id   TEXT NOT NULL,
  action         TEXT NOT NULL,
  status         TEXT NOT NULL,
  district_code  TEXT NOT NULL,
  at             TEXT NOT NULL,
  record         TEXT NOT NULL,
  PRIMARY KEY (tx_id, change_index)
);
CREATE INDEX eligibility_history_by_subject ON eligibility_history (subject_ref, block_number, tx_index, change_index);

CREATE TABLE deaths (
  subject_ref    TEXT PRIMARY KEY,
  date_of_death  TEXT NOT NULL,
  at             TEXT NOT NULL,
  record         TEXT NOT NULL,
  tx_id          TEXT NOT NULL,
  block_number   INTEGER NOT NULL,
  tx_index       INTEGER NOT NULL,
  change_index   INTEGER NOT NULL
);

-- The current state of each line; tx_id/block_number are its posting, settlement_* its settlement.
-- district_code is the subject's district for the programme when the line was posted (NULL: no eligibility).
CREATE TABLE disbursement_lines (
  line_id                  TEXT PRIMARY KEY,
  batch_id                 TEXT,
  programme_id             TEXT NOT NULL,
  period                   TEXT NOT NULL,
  subject_ref              TEXT NOT NULL,
  district_code            TEXT,
  line_kind                TEXT NOT NULL,
  status                   TEXT NOT NULL,
  reason_code              TEXT,
  amount_fen               INTEGER,
  record                   TEXT NOT NULL,
  tx_id                    TEXT NOT NULL,
  block_number             INTEGER NOT NULL,
  tx_index                 INTEGER NOT NULL,
  change_index             INTEGER NOT NULL,
  settlement_tx_id         TEXT,
  settlement_block_number  INTEGER
);
CREATE INDEX lines_by_programme_period ON disbursement_lines (programme_id, period, district_code);
CREATE INDEX lines_by_district ON disbursement_lines (district_code, period);
CREATE INDEX lines_by_reason ON disbursement_lines (reason_code, programme_id, period) WHERE reason_code IS NOT NULL;
CREATE INDEX lines_by_batch ON disbursement_lines (batch_id, block_number, tx_index, change_index);
CREATE INDEX lines_by_subject ON disbursement_lines (subject_ref);

-- POSTED / REJECTED when a line is posted, SETTLED / RETURNED when it is settled.
CREATE TABLE line_events (
  tx_id         TEXT NOT NULL,
  change_index  INTEGER NOT NULL,
  block_number  INTEGER NOT NULL,
  tx_index      INTEGER NOT NULL,
  line_id       TEXT NOT NULL,
  subject_ref   TEXT NOT NULL,
  action        TEXT NOT NULL,
  at            TEXT NOT NULL,
  record        TEXT NOT NULL,
  PRIMARY KEY (tx_id, change_index)
);
CREATE INDEX line_events_by_subject ON line_events (subject_ref, block_number, tx_index, change_index);
CREATE INDEX line_events_by_line ON line_events (line_id, block_number, tx_index, change_index);

CREATE TABLE disbursement_batches (
  batch_id      TEXT PRIMARY KEY,
  programme_id  TEXT NOT NULL,
  period        TEXT NOT NULL,
  record        TEXT NOT NULL,
  tx_id         TEXT NOT NULL,
  block_number  INTEGER NOT NULL
);
CREATE INDEX batches_by_programme_period ON disbursement_batches (programme_id, period);

CREATE TABLE overpayments (
  line_id               TEXT PRIMARY KEY,
  subject_ref           TEXT NOT NULL,
  programme_id          TEXT NOT NULL,
  period                TEXT NOT NULL,
  status                TEXT NOT NULL,
  amount_fen            INTEGER NOT NULL,
  record                TEXT NOT NULL,
  tx_id                 TEXT NOT NULL,   -- the last change (flagging or recovery)
  block_number          INTEGER NOT NULL,
  flagged_tx_id         TEXT NOT NULL,
  flagged_block_number  INTEGER NOT NULL,
  flagged_tx_index      INTEGER NOT NULL,
  flagged_change_index  INTEGER NOT NULL
);
CREATE INDEX overpayments_by_status ON overpayments (status, programme_id, period);

-- FLAGGED when a death makes a payment an overpayment, RECOVERED when it is recovered.
CREATE TABLE overpayment_events (
  tx_id         TEXT NOT NULL,
  change_index  INTEGER NOT NULL,
  block_number  INTEGER NOT NULL,
  tx_index      INTEGER NOT NULL,
  line_id       TEXT NOT NULL,
  subject_ref   TEXT NOT NULL,
  action        TEXT NOT NULL,
  at            TEXT NOT NULL,
  record        TEXT NOT NULL,
  PRIMARY KEY (tx_id, change_index)
);
CREATE INDEX overpayment_events_by_subject ON overpayment_events (subject_ref, block_number, tx_index, change_index);

CREATE TABLE access_batches (
  batch_id      TEXT PRIMARY KEY,
  record        TEXT NOT NULL,
  tx_id         TEXT NOT NULL,
  block_number  INTEGER NOT NULL
);

CREATE TABLE access_events (
  event_id            TEXT PRIMARY KEY,
  batch_id            TEXT NOT NULL,
  leaf_index          INTEGER NOT NULL,
  accessor_system_id  TEXT NOT NULL,
  subject_ref         TEXT NOT NULL,
  dataset_code        TEXT NOT NULL,
  fields              TEXT NOT NULL,   -- JSON array, as anchored
  purpose             TEXT NOT NULL,
  legal_basis         TEXT NOT NULL,
  accessed_at         TEXT NOT NULL,
  result_count        INTEGER NOT NULL,
  tx_id               TEXT NOT NULL,
  block_number        INTEGER NOT NULL,
  tx_index            INTEGER NOT NULL,
  change_index        INTEGER NOT NULL,
  UNIQUE (batch_id, leaf_index)
);
CREATE INDEX access_events_by_subject ON access_events (subject_ref, block_number, tx_index, change_index);
CREATE INDEX access_events_by_accessor ON access_events (accessor_system_id, accessed_at);
`;

export class IndexVersionError extends Error {
  constructor(file: string, found: number) {
    super(`${file} holds index schema version ${found}, not ${INDEX_SCHEMA_VERSION}: rebuild the index`);
  }
}

/**
 * Opens (creating if new) an index database. WAL lets HTTP reads run beside the follower's
 * writes; synchronous=NORMAL is enough because the checkpoint commits with the rows, so a
 * transaction lost to a power cut is simply read again from the chain.
 */
export function openIndex(file: string): IndexDb {
  const db = openSqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) {
    db.transaction(() => {
      db.exec(TABLES);
      db.pragma(`user_version = ${INDEX_SCHEMA_VERSION}`);
    })();
  } else if (version !== INDEX_SCHEMA_VERSION) {
    db.close();
    throw new IndexVersionError(file, version);
  }
  return db;
}

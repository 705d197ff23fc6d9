/**
 * Single-record reads: a line, a batch with its lines, an access event with its place in the
 * anchored batch (what a Merkle inclusion proof needs), an access batch's events in leaf order,
 * programmes, systems, a subject's eligibility and death, and where a transaction is.
 */
import type { AccessBatch, Death, DisbursementBatch, Eligibility, Programme, SystemRecord } from '@welfare-ledger/chaincode/lib';
import { type IndexDb, statement } from './sqlite';
import {
  type AccessBatchDetail,
  type AccessEventRow,
  type AccessEventView,
  accessEventView,
  type BatchDetail,
  type Indexed,
  indexed,
  type IndexedRow,
  LINE_COLUMNS,
  type LineDetail,
  type LineEventView,
  type LineRow,
  lineView,
  OVERPAYMENT_COLUMNS,
  type OverpaymentRow,
  type OverpaymentView,
  overpaymentView,
} from './views';

export function line(db: IndexDb, lineId: string): LineDetail | null {
  const row = statement(db, `SELECT ${LINE_COLUMNS} FROM disbursement_lines WHERE line_id = ?`).get(lineId) as LineRow | undefined;
  if (!row) return null;
  const events = statement(
    db,
    `SELECT action, at, tx_id AS txId, block_number AS blockNumber FROM line_events WHERE line_id = ?
     ORDER BY block_number, tx_index, change_index`,
  ).all(lineId) as LineEventView[];
  return { ...lineView(row), events };
}

export function batch(db: IndexDb, batchId: string): BatchDetail | null {
  const row = statement(db, 'SELECT record, tx_id, block_number FROM disbursement_batches WHERE batch_id = ?').get(batchId) as
    | IndexedRow
    | undefined;
  if (!row) return null;
  const lines = statement(
    db,
    `SELECT ${LINE_COLUMNS} FROM disbursement_lines WHERE batch_id = ? ORDER BY block_number, tx_index, change_index, line_id`,
  ).all(batchId) as LineRow[];
  return { ...indexed<DisbursementBatch>(row), lines: lines.map(lineView) };
}

export function overpayment(db: IndexDb, lineId: string): OverpaymentView | null {
  const row = statement(db, `SELECT ${OVERPAYMENT_COLUMNS} FROM overpayments WHERE line_id = ?`).get(lineId) as OverpaymentRow | undefined;
  return row ? overpaymentView(row) : null;
}

export function accessEvent(db: IndexDb, eventId: string): AccessEventView | null {
  const row = statement(db, 'SELECT * FROM access_events WHERE event_id = ?').get(eventId) as AccessEventRow | undefined;
  return row ? accessEventView(row) : null;
}

/** The events of an anchored access batch in leaf order: the leaves its Merkle root covers. */
export function accessEventsOfBatch(db: IndexDb, batchId: string): AccessEventView[] {
  const rows = statement(db, 'SELECT * FROM access_events WHERE batch_id = ? ORDER BY leaf_index').all(batchId) as AccessEventRow[];
  return rows.map(accessEventView);
}

export function accessBatch(db: IndexDb, batchId: string): AccessBatchDetail | null {
  const row = statement(db, 'SELECT record, tx_id, block_number FROM access_batches WHERE batch_id = ?').get(batchId) as IndexedRow | undefined;
  return row ? { ...indexed<AccessBatch>(row), events: accessEventsOfBatch(db, batchId) } : null;
}

export function programmes(db: IndexDb): Indexed<Programme>[] {
  const rows = statement(db, 'SELECT record, tx_id, block_number FROM programmes ORDER BY programme_id').all() as IndexedRow[];
  return rows.map((row) => indexed<Programme>(row));
}

export function programme(db: IndexDb, programmeId: string): Indexed<Programme> | null {
  const row = statement(db, 'SELECT record, tx_id, block_number FROM programmes WHERE programme_id = ?').get(programmeId) as IndexedRow | undefined;
  return row ? indexed<Programme>(row) : null;
}

export function systems(db: IndexDb, filter: { org?: string; status?: string } = {}): Indexed<SystemRecord>[] {
  const rows = statement(
    db,
    `SELECT record, tx_id, block_number FROM systems
     WHERE (@org IS NULL OR org = @org) AND (@status IS NULL OR status = @status) ORDER BY system_id`,
  ).all({ org: filter.org ?? null, status: filter.status ?? null }) as IndexedRow[];
  return rows.map((row) => indexed<SystemRecord>(row));
}

export function system(db: IndexDb, systemId: string): Indexed<SystemRecord> | null {
  const row = statement(db, 'SELECT record, tx_id, block_number FROM systems WHERE system_id = ?').get(systemId) as IndexedRow | undefined;
  return row ? indexed<SystemRecord>(row) : null;
}

/** A subject's current eligibility in every programme, by programme id. */
export function eligibilityOf(db: IndexDb, subjectRef: string): Indexed<Eligibility>[] {
  const rows = statement(db, 'SELECT record, tx_id, block_number FROM eligibility WHERE subject_ref = ? ORDER BY programme_id').all(
    subjectRef,
  ) as IndexedRow[];
  return rows.map((row) => indexed<Eligibility>(row));
}

export function death(db: IndexDb, subjectRef: string): Indexed<Death> | null {
  const row = statement(db, 'SELECT record, tx_id, block_number FROM deaths WHERE subject_ref = ?').get(subjectRef) as IndexedRow | undefined;
  return row ? indexed<Death>(row) : null;
}

export interface TransactionPlace {
  txId: string;
  blockNumber: number;
  txIndex: number;
}

/** Where a VALID transaction is on the chain (the proof builder's first question). */
export function transaction(db: IndexDb, txId: string): TransactionPlace | null {
  const row = statement(db, 'SELECT tx_id AS txId, block_number AS blockNumber, tx_index AS txIndex FROM transactions WHERE tx_id = ?').get(txId);
  return (row as TransactionPlace | undefined) ?? null;
}

/**
 * How each announced change becomes index rows: the record's current state (an upsert, so
 * reading a transaction twice changes nothing) and, for what a beneficiary's history shows, one
 * history row per change keyed by (txId, change index).
 */
import {
  canonicalJson,
  type AccessBatch,
  type AnchoredAccessEvent,
  type Death,
  type DisbursementBatch,
  type DisbursementLine,
  type Eligibility,
  type LedgerChange,
  type Overpayment,
  type Programme,
  type SystemRecord,
} from '@welfare-ledger/chaincode/lib';
import { type IndexDb, statement } from './sqlite';

/** Where a change sits on the chain. */
export interface ChangePlace {
  txId: string;
  blockNumber: number;
  txIndex: number;
  changeIndex: number;
}

export function writeChange(db: IndexDb, place: ChangePlace, change: LedgerChange): void {
  switch (change.kind) {
    case 'Programme':
      return writeProgramme(db, place, change.record);
    case 'SystemRecord':
      return writeSystem(db, place, change.record);
    case 'Eligibility':
      return writeEligibility(db, place, change.record);
    case 'Death':
      return writeDeath(db, place, change.record);
    case 'DisbursementBatch':
      return writeBatch(db, place, change.record);
    case 'DisbursementLine':
      return writeLine(db, place, change.record);
    case 'Overpayment':
      return writeOverpayment(db, place, change.record);
    case 'AccessBatch':
      return writeAccessBatch(db, place, change.record);
    case 'AccessEvent':
      return writeAccessEvent(db, place, change.record);
    default:
      // A kind this index does not know yet: its table comes with a new schema version and a rebuild.
      return;
  }
}

/** Block and position of a transaction already in the index (records name earlier transactions). */
function placeOfTx(db: IndexDb, txId: string, current: ChangePlace): { blockNumber: number; txIndex: number } {
  if (txId === current.txId) return current;
  const row = statement(db, 'SELECT block_number, tx_index FROM transactions WHERE tx_id = ?').get(txId) as
    | { block_number: number; tx_index: number }
    | undefined;
  if (!row) throw new Error(`transaction ${txId} is named by a record but is not in the index`);
  return { blockNumber: row.block_number, txIndex: row.tx_index };
}

function writeProgramme(db: IndexDb, place: ChangePlace, programme: Programme): void {
  statement(
    db,
    `INSERT INTO programmes (programme_id, record, tx_id, block_number) VALUES (?, ?, ?, ?)
     ON CONFLICT (programme_id) DO UPDATE SET record = excluded.record, tx_id = excluded.tx_id, block_number = excluded.block_number`,
  ).run(programme.id, canonicalJson(programme), place.txId, place.blockNumber);
}

function writeSystem(db: IndexDb, place: ChangePlace, system: SystemRecord): void {
  statement(
    db,
    `INSERT INTO systems (system_id, org, status, record, tx_id, block_number) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (system_id) DO UPDATE SET org = excluded.org, status = excluded.status, record = excluded.record,
       tx_id = excluded.tx_id, block_number = excluded.block_number`,
  ).run(system.systemId, system.org, system.status, canonicalJson(system), place.txId, place.blockNumber);
}

function writeEligibility(db: IndexDb, place: ChangePlace, eligibility: Eligibility): void {
  const record = canonicalJson(eligibility);
  statement(
    db,
    `INSERT INTO eligibility (subject_ref, programme_id, status, district_code, record, tx_id, block_number)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (subject_ref, programme_id) DO UPDATE SET status = excluded.status, district_code = excluded.district_code,
       record = excluded.record, tx_id = excluded.tx_id, block_number = excluded.block_number`,
  ).run(eligibility.subjectRef, eligibility.programmeId, eligibility.status, eligibility.districtCode, record, place.txId, place.blockNumber);
  statement(
    db,
    `INSERT OR REPLACE INTO eligibility_history (tx_id, change_index, block_number, tx_index, subject_ref, programme_id,
       action, status, district_code, at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    place.txId,
    place.changeIndex,
    place.blockNumber,
    place.txIndex,
    eligibility.subjectRef,
    eligibility.programmeId,
    eligibility.lastAction,
    eligibility.status,
    eligibility.districtCode,
    eligibility.updatedAt,
    record,
  );
}

function writeDeath(db: IndexDb, place: ChangePlace, death: Death): void {
  statement(
    db,
    `INSERT OR REPLACE INTO deaths (subject_ref, date_of_death, at, record, tx_id, block_number, tx_index, change_index)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(death.subjectRef, death.dateOfDeath, death.recordedAt, canonicalJson(death), place.txId, place.blockNumber, place.txIndex, place.changeIndex);
}

function writeBatch(db: IndexDb, place: ChangePlace, batch: DisbursementBatch): void {
  statement(
    db,
    `INSERT INTO disbursement_batches (batch_id, programme_id, period, record, tx_id, block_number) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (batch_id) DO UPDATE SET programme_id = excluded.programme_id, period = excluded.period,
       record = excluded.record, tx_id = excluded.tx_id, block_number = excluded.block_number`,
  ).run(batch.batchId, batch.programmeId, batch.period, canonicalJson(batch), place.txId, place.blockNumber);
}

/** What a change did to a line: posted or rejected it, or settled or returned it. */
function lineAction(line: DisbursementLine, txId: string): string {
  if (line.settlement && line.settlement.txId === txId) return line.settlement.outcome;
  return line.status === 'REJECTED' ? 'REJECTED' : 'POSTED';
}

function lineActionTime(line: DisbursementLine, txId: string): string {
  return line.settlement && line.settlement.txId === txId ? line.settlement.recordedAt : line.postedAt;
}

function writeLine(db: IndexDb, place: ChangePlace, line: DisbursementLine): void {
  const record = canonicalJson(line);
  const posting = placeOfTx(db, line.txId, place);
  const postingChange = line.txId === place.txId ? place.changeIndex : -1;
  const settlementBlock = line.settlement ? placeOfTx(db, line.settlement.txId, place).blockNumber : null;
  // Posting columns and the district are fixed when the line is first indexed; a settlement changes only its state.
  statement(
    db,
    `INSERT INTO disbursement_lines (line_id, batch_id, programme_id, period, subject_ref, district_code, line_kind, status,
       reason_code, amount_fen, record, tx_id, block_number, tx_index, change_index, settlement_tx_id, settlement_block_number)
     VALUES (?, ?, ?, ?, ?, (SELECT district_code FROM eligibility WHERE subject_ref = ? AND programme_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (line_id) DO UPDATE SET status = excluded.status, reason_code = excluded.reason_code, record = excluded.record,
       settlement_tx_id = excluded.settlement_tx_id, settlement_block_number = excluded.settlement_block_number`,
  ).run(
    line.lineId,
    line.batchId,
    line.programmeId,
    line.period,
    line.subjectRef,
    line.subjectRef,
    line.programmeId,
    line.kind,
    line.status,
    line.reasonCode,
    line.amountFen,
    record,
    line.txId,
    posting.blockNumber,
    posting.txIndex,
    postingChange,
    line.settlement?.txId ?? null,
    settlementBlock,
  );
  statement(
    db,
    `INSERT OR REPLACE INTO line_events (tx_id, change_index, block_number, tx_index, line_id, subject_ref, action, at, record)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    place.txId,
    place.changeIndex,
    place.blockNumber,
    place.txIndex,
    line.lineId,
    line.subjectRef,
    lineAction(line, place.txId),
    lineActionTime(line, place.txId),
    record,
  );
}

/** What a change did to an overpayment: flagged it (a death) or recovered it. */
function overpaymentAction(overpayment: Overpayment, txId: string): string {
  return overpayment.recovery && overpayment.recovery.txId === txId ? 'RECOVERED' : 'FLAGGED';
}

function writeOverpayment(db: IndexDb, place: ChangePlace, overpayment: Overpayment): void {
  const record = canonicalJson(overpayment);
  const flagged = placeOfTx(db, overpayment.flaggedTxId, place);
  const flaggedChange = overpayment.flaggedTxId === place.txId ? place.changeIndex : -1;
  statement(
    db,
    `INSERT INTO overpayments (line_id, subject_ref, programme_id, period, status, amount_fen, record, tx_id, block_number,
       flagged_tx_id, flagged_block_number, flagged_tx_index, flagged_change_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (line_id) DO UPDATE SET status = excluded.status, record = excluded.record, tx_id = excluded.tx_id,
       block_number = excluded.block_number`,
  ).run(
    overpayment.lineId,
    overpayment.subjectRef,
    overpayment.programmeId,
    overpayment.period,
    overpayment.status,
    overpayment.amountFen,
    record,
    place.txId,
    place.blockNumber,
    overpayment.flaggedTxId,
    flagged.blockNumber,
    flagged.txIndex,
    flaggedChange,
  );
  const action = overpaymentAction(overpayment, place.txId);
  statement(
    db,
    `INSERT OR REPLACE INTO overpayment_events (tx_id, change_index, block_number, tx_index, line_id, subject_ref, action, at, record)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    place.txId,
    place.changeIndex,
    place.blockNumber,
    place.txIndex,
    overpayment.lineId,
    overpayment.subjectRef,
    action,
    action === 'RECOVERED' ? overpayment.recovery!.recordedAt : overpayment.flaggedAt,
    record,
  );
}

function writeAccessBatch(db: IndexDb, place: ChangePlace, batch: AccessBatch): void {
  statement(
    db,
    `INSERT INTO access_batches (batch_id, record, tx_id, block_number) VALUES (?, ?, ?, ?)
     ON CONFLICT (batch_id) DO UPDATE SET record = excluded.record, tx_id = excluded.tx_id, block_number = excluded.block_number`,
  ).run(batch.batchId, canonicalJson(batch), place.txId, place.blockNumber);
}

/**
 * The first anchoring of an eventId is the event: a later batch repeating the id (another system,
 * or a retry) never replaces it in history, lookups or proofs.
 */
function writeAccessEvent(db: IndexDb, place: ChangePlace, event: AnchoredAccessEvent): void {
  statement(
    db,
    `INSERT OR IGNORE INTO access_events (event_id, batch_id, leaf_index, accessor_system_id, subject_ref, dataset_code, fields,
       purpose, legal_basis, accessed_at, result_count, tx_id, block_number, tx_index, change_index)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.eventId,
    event.batchId,
    event.leafIndex,
    event.accessorSystemId,
    event.subjectRef,
    event.datasetCode,
    JSON.stringify(event.fields),
    event.purpose,
    event.legalBasis,
    event.accessedAt,
    event.resultCount,
    place.txId,
    place.blockNumber,
    place.txIndex,
    place.changeIndex,
  );
}

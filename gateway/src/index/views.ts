/**
 * The shapes queries answer with. Every view names the transaction that wrote what it shows
 * (txId, blockNumber), so the caller can ask for a proof, and carries the record exactly as
 * that transaction announced it.
 */
import type {
  AccessBatch,
  AccessEvent,
  DisbursementBatch,
  DisbursementLine,
  Overpayment,
} from '@welfare-ledger/chaincode/lib';

/** A record as its last writing transaction left it. */
export interface Indexed<T> {
  txId: string;
  blockNumber: number;
  record: T;
}

export interface LineView extends Indexed<DisbursementLine> {
  /** The subject's district for the programme when the line was posted; null without an eligibility. */
  districtCode: string | null;
  /** The block of the settlement transaction (record.settlement.txId); null until settled or returned. */
  settlementBlockNumber: number | null;
}

/** One thing that happened to a line: POSTED | REJECTED, then SETTLED | RETURNED. */
export interface LineEventView {
  action: string;
  at: string;
  txId: string;
  blockNumber: number;
}

export interface LineDetail extends LineView {
  events: LineEventView[];
}

export interface OverpaymentView extends Indexed<Overpayment> {
  /** The block of the death that flagged it (record.flaggedTxId). */
  flaggedBlockNumber: number;
}

export interface BatchDetail extends Indexed<DisbursementBatch> {
  /** Every line of the batch in submission order, in its current state. */
  lines: LineView[];
}

/** An anchored access event: `record` is the Merkle leaf's event, batchId and leafIndex its place. */
export interface AccessEventView extends Indexed<AccessEvent> {
  batchId: string;
  leafIndex: number;
}

export interface AccessBatchDetail extends Indexed<AccessBatch> {
  /** The batch's events in leaf order. */
  events: AccessEventView[];
}

export interface LineRow {
  record: string;
  tx_id: string;
  block_number: number;
  tx_index: number;
  change_index: number;
  district_code: string | null;
  settlement_block_number: number | null;
}

export const LINE_COLUMNS = 'record, tx_id, block_number, tx_index, change_index, district_code, settlement_block_number';

export function lineView(row: LineRow): LineView {
  return {
    txId: row.tx_id,
    blockNumber: row.block_number,
    districtCode: row.district_code,
    settlementBlockNumber: row.settlement_block_number,
    record: JSON.parse(row.record) as DisbursementLine,
  };
}

export interface OverpaymentRow {
  record: string;
  tx_id: string;
  block_number: number;
  flagged_block_number: number;
  flagged_tx_index: number;
  flagged_change_index: number;
}

export const OVERPAYMENT_COLUMNS = 'record, tx_id, block_number, flagged_block_number, flagged_tx_index, flagged_change_index';

export function overpaymentView(row: OverpaymentRow): OverpaymentView {
  return {
    txId: row.tx_id,
    blockNumber: row.block_number,
    flaggedBlockNumber: row.flagged_block_number,
    record: JSON.parse(row.record) as Overpayment,
  };
}

export interface AccessEventRow {
  event_id: string;
  batch_id: string;
  leaf_index: number;
  accessor_system_id: string;
  subject_ref: string;
  dataset_code: string;
  fields: string;
  purpose: AccessEvent['purpose'];
  legal_basis: string;
  accessed_at: string;
  result_count: number;
  tx_id: string;
  block_number: number;
}

/** The event exactly as it was hashed into its leaf (keys in canonical order). */
export function accessEventRecord(row: AccessEventRow): AccessEvent {
  return {
    accessedAt: row.accessed_at,
    accessorSystemId: row.accessor_system_id,
    datasetCode: row.dataset_code,
    eventId: row.event_id,
    fields: JSON.parse(row.fields) as string[],
    legalBasis: row.legal_basis,
    purpose: row.purpose,
    resultCount: row.result_count,
    subjectRef: row.subject_ref,
  };
}

export function accessEventView(row: AccessEventRow): AccessEventView {
  return {
    txId: row.tx_id,
    blockNumber: row.block_number,
    batchId: row.batch_id,
    leafIndex: row.leaf_index,
    record: accessEventRecord(row),
  };
}

export interface IndexedRow {
  record: string;
  tx_id: string;
  block_number: number;
}

export function indexed<T>(row: IndexedRow): Indexed<T> {
  return { txId: row.tx_id, blockNumber: row.block_number, record: JSON.parse(row.record) as T };
}

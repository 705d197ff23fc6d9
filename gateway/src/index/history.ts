/**
 * A beneficiary's history: every eligibility change, disbursement line (posted or rejected,
 * then settled or returned), death, overpayment and anchored access to their data, in chain
 * order (block, transaction in the block, change in the transaction), a page at a time.
 */
import { type ChainPosition, type Page, type PageRequest, pageSize, startAfter, toPage } from './cursor';
import { type IndexDb, statement } from './sqlite';

export type HistoryKind = 'Eligibility' | 'DisbursementLine' | 'Death' | 'Overpayment' | 'AccessEvent';

export interface HistoryEntry {
  /** When it happened: the record's own time (updatedAt, postedAt, settlement.recordedAt, recordedAt, flaggedAt, accessedAt). */
  at: string;
  kind: HistoryKind;
  /**
   * Eligibility: GRANT | SUSPEND | REINSTATE | REVOKE | TRANSFER_DISTRICT; DisbursementLine: POSTED | REJECTED |
   * SETTLED | RETURNED; Death: RECORDED; Overpayment: FLAGGED | RECOVERED; AccessEvent: ACCESSED.
   */
  action: string;
  txId: string;
  blockNumber: number;
  /** The record as this transaction wrote it (an access event with its batchId and leafIndex). */
  record: unknown;
}

interface HistoryRow extends ChainPosition {
  kind: HistoryKind;
  action: string;
  at: string;
  tx_id: string;
  record: string;
}

const POSITION = 'tx_id, block_number AS blockNumber, tx_index AS txIndex, change_index AS changeIndex';

const ACCESS_RECORD = `json_object('accessedAt', accessed_at, 'accessorSystemId', accessor_system_id, 'batchId', batch_id,
  'datasetCode', dataset_code, 'eventId', event_id, 'fields', json(fields), 'leafIndex', leaf_index, 'legalBasis', legal_basis,
  'purpose', purpose, 'resultCount', result_count, 'subjectRef', subject_ref)`;

const AFTER = '(block_number, tx_index, change_index) > (@blockNumber, @txIndex, @changeIndex)';

const HISTORY_SQL = `
SELECT * FROM (
  SELECT 'Eligibility' AS kind, action, at, ${POSITION}, record
  FROM eligibility_history WHERE subject_ref = @subjectRef AND ${AFTER}
  UNION ALL
  SELECT 'DisbursementLine' AS kind, action, at, ${POSITION}, record
  FROM line_events WHERE subject_ref = @subjectRef AND ${AFTER}
  UNION ALL
  SELECT 'Death' AS kind, 'RECORDED' AS action, at, ${POSITION}, record
  FROM deaths WHERE subject_ref = @subjectRef AND ${AFTER}
  UNION ALL
  SELECT 'Overpayment' AS kind, action, at, ${POSITION}, record
  FROM overpayment_events WHERE subject_ref = @subjectRef AND ${AFTER}
  UNION ALL
  SELECT 'AccessEvent' AS kind, 'ACCESSED' AS action, accessed_at AS at, ${POSITION}, ${ACCESS_RECORD} AS record
  FROM access_events WHERE subject_ref = @subjectRef AND ${AFTER}
)
ORDER BY blockNumber, txIndex, changeIndex
LIMIT @rows`;

export function beneficiaryHistory(db: IndexDb, subjectRef: string, request: PageRequest = {}): Page<HistoryEntry> {
  const size = pageSize(request.limit);
  const rows = statement(db, HISTORY_SQL).all({ subjectRef, ...startAfter(request.cursor), rows: size + 1 }) as HistoryRow[];
  return toPage(rows, size, historyEntry);
}

function historyEntry(row: HistoryRow): HistoryEntry {
  return {
    at: row.at,
    kind: row.kind,
    action: row.action,
    txId: row.tx_id,
    blockNumber: row.blockNumber,
    record: JSON.parse(row.record),
  };
}

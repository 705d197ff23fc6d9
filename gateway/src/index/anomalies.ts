/**
 * Anomalies an inspector looks at: attempted wrong payments (rejected lines, by reason code in
 * the order the checks run) and open overpayments (payments made after a death, not yet
 * recovered). The answer holds the first lines of each kind; the paged reads give the rest.
 */
import { LINE_REJECTION_CODES, type LineRejectionCode } from '@welfare-ledger/chaincode/lib';
import { type ChainPosition, type Page, type PageRequest, pageSize, startAfter, toPage } from './cursor';
import { type AsOf, asOf } from './position';
import { type IndexDb, statement } from './sqlite';
import type { Tally } from './summaries';
import { LINE_COLUMNS, type LineRow, type LineView, lineView, OVERPAYMENT_COLUMNS, type OverpaymentRow, type OverpaymentView, overpaymentView } from './views';

export interface AnomalyFilter {
  programmeId?: string;
  period?: string;
}

export interface RejectionGroup extends Tally {
  reasonCode: LineRejectionCode;
  /** The first rejected lines in chain order; `rejectedLines` pages through all of them. */
  lines: Page<LineView>;
}

export interface Anomalies {
  asOf: AsOf;
  rejections: RejectionGroup[];
  openOverpayments: Tally & { items: Page<OverpaymentView> };
}

/** How many lines (per reason) and overpayments one anomalies answer carries. */
export const ANOMALY_SAMPLE_SIZE = 100;

const FILTER = '(@programmeId IS NULL OR programme_id = @programmeId) AND (@period IS NULL OR period = @period)';

const REJECTION_TALLY_SQL = `
SELECT reason_code AS reasonCode, COUNT(*) AS count, SUM(CASE WHEN amount_fen > 0 THEN amount_fen ELSE 0 END) AS totalFen
FROM disbursement_lines WHERE status = 'REJECTED' AND ${FILTER} GROUP BY reason_code`;

const REJECTED_LINES_SQL = `
SELECT ${LINE_COLUMNS}, block_number AS blockNumber, tx_index AS txIndex, change_index AS changeIndex
FROM disbursement_lines
WHERE status = 'REJECTED' AND (@reasonCode IS NULL OR reason_code = @reasonCode) AND ${FILTER}
  AND (block_number, tx_index, change_index) > (@blockNumber, @txIndex, @changeIndex)
ORDER BY block_number, tx_index, change_index LIMIT @rows`;

const OPEN_OVERPAYMENT_TALLY_SQL = `
SELECT COUNT(*) AS count, COALESCE(SUM(amount_fen), 0) AS totalFen FROM overpayments WHERE status = 'OPEN' AND ${FILTER}`;

const OPEN_OVERPAYMENTS_SQL = `
SELECT ${OVERPAYMENT_COLUMNS}, flagged_block_number AS blockNumber, flagged_tx_index AS txIndex, flagged_change_index AS changeIndex
FROM overpayments
WHERE status = 'OPEN' AND ${FILTER}
  AND (flagged_block_number, flagged_tx_index, flagged_change_index) > (@blockNumber, @txIndex, @changeIndex)
ORDER BY flagged_block_number, flagged_tx_index, flagged_change_index, line_id LIMIT @rows`;

export function anomalies(db: IndexDb, filter: AnomalyFilter = {}): Anomalies {
  const tallies = statement(db, REJECTION_TALLY_SQL).all(filterParams(filter)) as (Tally & { reasonCode: LineRejectionCode })[];
  const byReason = new Map(tallies.map((tally) => [tally.reasonCode, tally]));
  const rejections = LINE_REJECTION_CODES.filter((code) => byReason.has(code)).map((reasonCode) => ({
    reasonCode,
    count: byReason.get(reasonCode)!.count,
    totalFen: byReason.get(reasonCode)!.totalFen,
    lines: rejectedLines(db, { ...filter, reasonCode, limit: ANOMALY_SAMPLE_SIZE }),
  }));
  const open = statement(db, OPEN_OVERPAYMENT_TALLY_SQL).get(filterParams(filter)) as Tally;
  return {
    asOf: asOf(db),
    rejections,
    openOverpayments: { ...open, items: openOverpayments(db, { ...filter, limit: ANOMALY_SAMPLE_SIZE }) },
  };
}

/** Rejected lines (of one reason, or all) in chain order, a page at a time. */
export function rejectedLines(db: IndexDb, request: AnomalyFilter & PageRequest & { reasonCode?: string }): Page<LineView> {
  const size = pageSize(request.limit);
  const rows = statement(db, REJECTED_LINES_SQL).all({
    ...filterParams(request),
    reasonCode: request.reasonCode ?? null,
    ...startAfter(request.cursor),
    rows: size + 1,
  }) as (LineRow & ChainPosition)[];
  return toPage(rows, size, lineView);
}

/** Open overpayments in the order they were flagged, a page at a time. */
export function openOverpayments(db: IndexDb, request: AnomalyFilter & PageRequest): Page<OverpaymentView> {
  const size = pageSize(request.limit);
  const rows = statement(db, OPEN_OVERPAYMENTS_SQL).all({
    ...filterParams(request),
    ...startAfter(request.cursor),
    rows: size + 1,
  }) as (OverpaymentRow & ChainPosition)[];
  return toPage(rows, size, overpaymentView);
}

function filterParams(filter: AnomalyFilter): { programmeId: string | null; period: string | null } {
  return { programmeId: filter.programmeId ?? null, period: filter.period ?? null };
}

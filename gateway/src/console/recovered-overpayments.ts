/**
 * Overpayments already recovered (the anomalies answer holds the open ones): the anomalies
 * screen lists both, so an inspector sees what was recovered and by which transaction.
 */
import { type IndexDb, statement } from '../index/sqlite';
import { OVERPAYMENT_COLUMNS, type OverpaymentRow, overpaymentView } from '../index/views';

export const RECOVERED_SAMPLE_SIZE = 100;

const RECOVERED_SQL = `
SELECT ${OVERPAYMENT_COLUMNS} FROM overpayments
WHERE status = 'RECOVERED' AND (@programmeId IS NULL OR programme_id = @programmeId) AND (@period IS NULL OR period = @period)
ORDER BY flagged_block_number, flagged_tx_index, flagged_change_index, line_id LIMIT @rows`;

const RECOVERED_TALLY_SQL = `
SELECT COUNT(*) AS count, COALESCE(SUM(amount_fen), 0) AS totalFen FROM overpayments
WHERE status = 'RECOVERED' AND (@programmeId IS NULL OR programme_id = @programmeId) AND (@period IS NULL OR period = @period)`;

export function recoveredOverpayments(db: IndexDb, filter: { programmeId?: string; period?: string }) {
  const params = { programmeId: filter.programmeId ?? null, period: filter.period ?? null };
  const tally = statement(db, RECOVERED_TALLY_SQL).get(params) as { count: number; totalFen: number };
  const rows = statement(db, RECOVERED_SQL).all({ ...params, rows: RECOVERED_SAMPLE_SIZE }) as OverpaymentRow[];
  return { ...tally, items: rows.map(overpaymentView) };
}

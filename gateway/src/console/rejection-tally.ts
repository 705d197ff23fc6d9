/**
 * Rejected lines of a programme's month counted by reason code, in the order the checks run:
 * the programme-month screen's chart, for the finance role too (which may not read anomalies).
 */
import { LINE_REJECTION_CODES } from '@welfare-ledger/chaincode/lib';
import { type IndexDb, statement } from '../index/sqlite';

const TALLY_SQL = `
SELECT reason_code AS reasonCode, COUNT(*) AS count, SUM(CASE WHEN amount_fen > 0 THEN amount_fen ELSE 0 END) AS totalFen
FROM disbursement_lines WHERE status = 'REJECTED' AND programme_id = ? AND period = ? GROUP BY reason_code`;

export function rejectionsByReason(db: IndexDb, programmeId: string, period: string) {
  const rows = statement(db, TALLY_SQL).all(programmeId, period) as { reasonCode: string; count: number; totalFen: number }[];
  const byCode = new Map(rows.map((row) => [row.reasonCode, row]));
  return LINE_REJECTION_CODES.map((reasonCode) => ({ reasonCode, count: byCode.get(reasonCode)?.count ?? 0, totalFen: byCode.get(reasonCode)?.totalFen ?? 0 }));
}

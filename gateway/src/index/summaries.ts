/**
 * Disbursement summaries: counts and totals (fen) by programme, district and period. The
 * district is the subject's district for the programme when the line was posted, so a later
 * transfer does not move money already paid; lines with no eligibility have district null.
 */
import { type AsOf, asOf } from './position';
import { type IndexDb, statement } from './sqlite';

export interface Tally {
  count: number;
  totalFen: number;
}

export interface LineTotals {
  /** Every accepted line, whatever became of it later (settled + returned + awaitingSettlement). */
  posted: Tally;
  settled: Tally;
  returned: Tally;
  awaitingSettlement: Tally;
  /** Rejected lines; the total counts only amounts that were positive integers (as the batch record does). */
  rejected: Tally;
}

export interface SummaryGroup extends LineTotals {
  programmeId: string;
  districtCode: string | null;
  period: string;
}

export interface Summaries {
  asOf: AsOf;
  groups: SummaryGroup[];
  totals: LineTotals;
}

export interface SummaryFilter {
  programmeId?: string;
  districtCode?: string;
  period?: string;
}

const TALLIES = ['posted', 'settled', 'returned', 'awaitingSettlement', 'rejected'] as const;

const SUMMARY_SQL = `
SELECT programme_id AS programmeId, district_code AS districtCode, period,
  SUM(status <> 'REJECTED') AS postedCount,
  SUM(CASE WHEN status <> 'REJECTED' THEN amount_fen ELSE 0 END) AS postedTotalFen,
  SUM(status = 'SETTLED') AS settledCount,
  SUM(CASE WHEN status = 'SETTLED' THEN amount_fen ELSE 0 END) AS settledTotalFen,
  SUM(status = 'RETURNED') AS returnedCount,
  SUM(CASE WHEN status = 'RETURNED' THEN amount_fen ELSE 0 END) AS returnedTotalFen,
  SUM(status = 'POSTED') AS awaitingSettlementCount,
  SUM(CASE WHEN status = 'POSTED' THEN amount_fen ELSE 0 END) AS awaitingSettlementTotalFen,
  SUM(status = 'REJECTED') AS rejectedCount,
  SUM(CASE WHEN status = 'REJECTED' AND amount_fen > 0 THEN amount_fen ELSE 0 END) AS rejectedTotalFen
FROM disbursement_lines
WHERE (@programmeId IS NULL OR programme_id = @programmeId)
  AND (@districtCode IS NULL OR district_code = @districtCode)
  AND (@period IS NULL OR period = @period)
GROUP BY programme_id, district_code, period
ORDER BY programme_id, district_code IS NOT NULL, district_code, period`;

type SummaryRow = { programmeId: string; districtCode: string | null; period: string } & Record<string, number>;

export function summaries(db: IndexDb, filter: SummaryFilter = {}): Summaries {
  const rows = statement(db, SUMMARY_SQL).all({
    programmeId: filter.programmeId ?? null,
    districtCode: filter.districtCode ?? null,
    period: filter.period ?? null,
  }) as SummaryRow[];
  const groups = rows.map(summaryGroup);
  return { asOf: asOf(db), groups, totals: sumOf(groups) };
}

function summaryGroup(row: SummaryRow): SummaryGroup {
  const group = { programmeId: row.programmeId, districtCode: row.districtCode, period: row.period } as SummaryGroup;
  for (const tally of TALLIES) group[tally] = { count: row[`${tally}Count`], totalFen: row[`${tally}TotalFen`] };
  return group;
}

function sumOf(groups: LineTotals[]): LineTotals {
  const totals = {} as LineTotals;
  for (const tally of TALLIES) {
    totals[tally] = groups.reduce((sum, group) => ({ count: sum.count + group[tally].count, totalFen: sum.totalFen + group[tally].totalFen }), {
      count: 0,
      totalFen: 0,
    });
  }
  return totals;
}

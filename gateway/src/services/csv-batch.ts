/**
 * A disbursement batch as the CSV file a bank or finance system already exchanges: a header row
 * `lineId,citizenId,amountFen,bankAccount,kind`, then one payment per line. Each line keeps its
 * line number in the file, so a rejection can point at it.
 */
import { parse } from 'csv-parse/sync';
import { badRequest } from '../errors';

export const CSV_COLUMNS = ['lineId', 'citizenId', 'amountFen', 'bankAccount', 'kind'] as const;

export interface CsvLine {
  csvLine: number;
  fields: Record<(typeof CSV_COLUMNS)[number], string>;
}

export function parseCsvBatch(text: string): CsvLine[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, info: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw badRequest('the CSV cannot be read', { reason: (err as { code?: string }).code ?? 'CSV_ERROR' });
  }
  if (rows.length === 0) throw badRequest('the CSV has no payment lines');
  const header = Object.keys(rows[0].record);
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (missing.length || extra.length) {
    throw badRequest('the CSV header must be exactly: ' + CSV_COLUMNS.join(','), { missing, unknown: extra });
  }
  return rows.map(({ record, info }) => ({ csvLine: info.lines, fields: record as CsvLine['fields'] }));
}

/** A CSV amount: a number as written ("12.5" stays 12.5 for the ledger to reject); not a number is undefined. */
export function csvAmount(text: string): number | undefined {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

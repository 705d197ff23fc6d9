/**
 * A disbursement batch as the CSV file a bank or finance system already exchanges: a header row
 * `lineId,citizenId,amountFen,bankAccount,kind`, then one payment per line. Every line is
 * validated before anything is posted (a bad line is a 400 naming its CSV line number), and each
 * line keeps its number so a rejection by the ledger can point back at it.
 */
import { parse } from 'csv-parse/sync';
import { badRequest } from '../errors';
import type { PaymentInput } from '../services/disbursements';
import { batchLineInput } from './schemas';

export const CSV_COLUMNS = ['lineId', 'citizenId', 'amountFen', 'bankAccount', 'kind'] as const;

export interface CsvPayments {
  lines: PaymentInput[];
  csvLineOf: Map<string, number>;
}

export function parseCsvPayments(text: string): CsvPayments {
  const rows = readRows(text);
  const problems: { csvLine: number; path: string; message: string }[] = [];
  const lines: PaymentInput[] = [];
  const csvLineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const parsed = batchLineInput.safeParse({ ...record, amountFen: csvAmount(record.amountFen) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ csvLine: info.lines, path: issue.path.join('.'), message: issue.message });
      continue;
    }
    lines.push(parsed.data);
    csvLineOf.set(parsed.data.lineId, info.lines);
  }
  if (problems.length > 0) throw badRequest('some CSV lines are not valid; nothing was posted', problems);
  return { lines, csvLineOf };
}

function readRows(text: string): { record: Record<string, string>; info: { lines: number } }[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, info: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw badRequest('the CSV cannot be read', { reason: (err as { code?: string }).code ?? 'CSV_ERROR' });
  }
  if (rows.length === 0) throw badRequest('the CSV has no payment lines');
  const header = Object.keys(rows[0].record);
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (missing.length || unknown.length) {
    throw badRequest(`the CSV header must be exactly: ${CSV_COLUMNS.join(',')}`, { missing, unknown });
  }
  return rows;
}

/** A number as written ("12.5" stays 12.5, for the ledger to reject INVALID_AMOUNT); text stays text (400). */
function csvAmount(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

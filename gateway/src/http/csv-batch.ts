/**
 * A disbursement batch as the CSV file a bank or finance system already exchanges: a header row
 * naming the columns `lineId,citizenId,amountFen,bankAccount,kind` (any order, each once), then one
 * payment per line, at most MAX_BATCH_LINES as in a JSON batch. Every line is validated before
 * anything is posted (a bad line is a 400 naming its CSV line number), and each line keeps the
 * line number it starts on so a rejection by the ledger can point back at it.
 */
import { parse } from 'csv-parse/sync';
import { badRequest } from '../errors';
import type { PaymentInput } from '../services/disbursements';
import { batchLineInput, MAX_BATCH_LINES } from './schemas';

export const CSV_COLUMNS = ['lineId', 'citizenId', 'amountFen', 'bankAccount', 'kind'] as const;

export interface CsvPayments {
  lines: PaymentInput[];
  csvLineOf: Map<string, number>;
}

interface CsvRow {
  fields: string[];
  /** The file line the row starts on (a quoted field may carry it over several lines). */
  line: number;
}

export function parseCsvPayments(text: string): CsvPayments {
  const [header, ...rows] = readRows(text);
  if (!header) throw badRequest('the CSV is empty: it needs a header row and payment lines');
  const columns = checkHeader(header.fields);
  if (rows.length === 0) throw badRequest('the CSV has no payment lines');
  if (rows.length > MAX_BATCH_LINES) {
    throw badRequest(`a CSV batch has at most ${MAX_BATCH_LINES} payment lines, as a JSON batch; split the file`, { maxLines: MAX_BATCH_LINES });
  }
  const problems: { csvLine: number; path: string; message: string }[] = [];
  const lines: PaymentInput[] = [];
  const csvLineOf = new Map<string, number>();
  for (const row of rows) {
    const record = Object.fromEntries(columns.map((name, i) => [name, row.fields[i]]));
    const parsed = batchLineInput.safeParse({ ...record, amountFen: csvAmount(record.amountFen) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ csvLine: row.line, path: issue.path.join('.'), message: issue.message });
      continue;
    }
    lines.push(parsed.data);
    csvLineOf.set(parsed.data.lineId, row.line);
  }
  if (problems.length > 0) throw badRequest('some CSV lines are not valid; nothing was posted', problems);
  return { lines, csvLineOf };
}

/** Rows as arrays (so duplicate header names cannot collapse), reading one row past the cap at most. */
function readRows(text: string): CsvRow[] {
  let parsed: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    parsed = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true, to: MAX_BATCH_LINES + 2 }) as unknown as typeof parsed;
  } catch (err) {
    const { code, lines } = err as { code?: string; lines?: number };
    throw badRequest(`the CSV cannot be read${lines ? ` (line ${lines})` : ''}`, { reason: code ?? 'CSV_ERROR', csvLine: lines });
  }
  let previousEnd = 0;
  let previousEmpty = 0;
  return parsed.map(({ record, info }) => {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    return { fields: record, line };
  });
}

/** The header must name each column once, nothing else; the refusal names every offending column. */
function checkHeader(names: string[]): string[] {
  const unnamed = names.flatMap((name, i) => (name === '' ? [i + 1] : []));
  const duplicate = [...new Set(names.filter((name, i) => name !== '' && names.indexOf(name) !== i))];
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((c) => c !== '' && !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unnamed.length || duplicate.length || missing.length || unknown.length) {
    const said = [
      missing.length && `missing ${missing.join(', ')}`,
      duplicate.length && `duplicate ${duplicate.join(', ')}`,
      unknown.length && `unknown ${unknown.join(', ')}`,
      unnamed.length && `no name for column ${unnamed.join(', ')}`,
    ].filter(Boolean);
    throw badRequest(`the CSV header must name each of ${CSV_COLUMNS.join(',')} once: ${said.join('; ')}`, {
      missing, duplicate, unknown, unnamedColumns: unnamed,
    });
  }
  return names;
}

/** A number as written ("12.5" stays 12.5, for the ledger to reject INVALID_AMOUNT); text stays text (400). */
function csvAmount(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

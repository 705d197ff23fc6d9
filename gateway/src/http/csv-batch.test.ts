import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ApiError } from '../errors';
import { makeResidentId } from '../privacy/resident-id';
import { parseCsvPayments } from './csv-batch';
import { decodeCsv } from './csv-charset';

const id = makeResidentId('310104', '19380512', '021');
const header = 'lineId,citizenId,amountFen,bankAccount,kind';
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name));

function problemOf(text: string): ApiError {
  try {
    parseCsvPayments(text);
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected the CSV to be refused');
}

describe('the CSV batch parser', () => {
  it('reads one payment per line and remembers each line number in the file', () => {
    const csv = `${header}\nL1,${id},15000,6222 0200 0000 0001,REGULAR\n\nL2,${id},12.5,6222020000000002,SUPPLEMENT\n`;
    const { lines, csvLineOf } = parseCsvPayments(csv);
    expect(lines).toEqual([
      { lineId: 'L1', citizenId: id, amountFen: 15000, bankAccount: '6222 0200 0000 0001', kind: 'REGULAR' },
      { lineId: 'L2', citizenId: id, amountFen: 12.5, bankAccount: '6222020000000002', kind: 'SUPPLEMENT' },
    ]);
    expect([...csvLineOf]).toEqual([['L1', 2], ['L2', 4]]);
  });

  it('accepts a UTF-8 byte-order mark and quoted fields', () => {
    const { lines } = parseCsvPayments(`\uFEFF${header}\n"L1","${id}","100","6222020000000001","REGULAR"\n`);
    expect(lines[0].lineId).toBe('L1');
  });

  it('accepts the columns in any order', () => {
    const { lines } = parseCsvPayments(`kind,amountFen,lineId,bankAccount,citizenId\nREGULAR,100,L1,6222020000000001,${id}\n`);
    expect(lines[0]).toEqual({ lineId: 'L1', citizenId: id, amountFen: 100, bankAccount: '6222020000000001', kind: 'REGULAR' });
  });

  it('refuses a line with an invalid citizen ID, naming its line and never quoting the value', () => {
    const err = problemOf(`${header}\nL1,${id},100,6222020000000001,REGULAR\nL2,110105194912310021,100,6222020000000001,REGULAR\n`);
    expect(err.status).toBe(400);
    expect(err.details).toEqual([expect.objectContaining({ csvLine: 3, path: 'citizenId' })]);
    expect(JSON.stringify(err.details)).not.toContain('110105194912310021');
  });

  it('refuses an amount that is not a number', () => {
    const err = problemOf(`${header}\nL1,${id},ten,6222020000000001,REGULAR\n`);
    expect(err.details).toEqual([expect.objectContaining({ csvLine: 2, path: 'amountFen' })]);
  });

  it('refuses a header with a missing or unknown column, naming both', () => {
    const err = problemOf(`lineId,citizenId,amount,bankAccount,kind\nL1,${id},1,6222020000000001,REGULAR\n`);
    expect(err.details).toEqual({ missing: ['amountFen'], duplicate: [], unknown: ['amount'], unnamedColumns: [] });
    expect(err.message).toMatch(/missing amountFen; unknown amount/);
  });

  it('refuses a duplicated column by name instead of keeping one of the two', () => {
    const err = problemOf(`${header},amountFen\nL1,${id},100,6222020000000001,REGULAR,100000\n`);
    expect(err.details).toEqual(expect.objectContaining({ duplicate: ['amountFen'] }));
    expect(err.message).toMatch(/duplicate amountFen/);
  });

  it('refuses a column with no name, by its position', () => {
    const err = problemOf(`${header},\nL1,${id},100,6222020000000001,REGULAR,\n`);
    expect(err.details).toEqual(expect.objectContaining({ unnamedColumns: [6] }));
  });

  it('refuses a file with no payment lines, an empty file, and one that is not CSV', () => {
    expect(problemOf(`${header}\n`).message).toMatch(/no payment lines/);
    expect(problemOf('').message).toMatch(/empty/);
    expect(problemOf(`${header}\n"L1,${id}\n`).message).toMatch(/cannot be read/);
  });

  it('refuses a line with more fields than the header, naming its line', () => {
    const err = problemOf(`${header}\nL1,${id},100,6222020000000001,REGULAR\nL2,${id},1,500,6222020000000001,REGULAR\n`);
    expect(err.details).toEqual(expect.objectContaining({ csvLine: 3 }));
  });

  it('takes at most 5,000 payment lines, as a JSON batch', () => {
    const line = (i: number) => `L${i},${id},100,6222020000000001,REGULAR`;
    const fits = [header, ...Array.from({ length: 5000 }, (_, i) => line(i))].join('\n');
    expect(parseCsvPayments(fits).lines).toHaveLength(5000);
    const err = problemOf(`${fits}\n${line(5000)}\n`);
    expect(err.message).toMatch(/at most 5000 payment lines/);
    expect(err.details).toEqual({ maxLines: 5000 });
  });
});

describe('CSV files as spreadsheet tools export them', () => {
  it('an Excel "CSV UTF-8" export (byte-order mark, CRLF) is read line by line', () => {
    const { lines, csvLineOf } = parseCsvPayments(decodeCsv(fixture('excel-csv-utf8.csv'), 'utf-8'));
    expect(lines.map((l) => [l.lineId, l.amountFen, l.bankAccount])).toEqual([
      ['2026-11-0001', 15000, '6222 0200 0000 0001'],
      ['2026-11-0002', 15000, '6222020000000002'],
    ]);
    expect([...csvLineOf.values()]).toEqual([2, 3]);
  });

  it('a GB18030 "CSV" export from a Chinese Windows tool is read once its charset is declared', () => {
    const { lines } = parseCsvPayments(decodeCsv(fixture('excel-csv-gb18030.csv'), 'gb18030'));
    expect(lines.map((l) => [l.lineId, l.kind])).toEqual([['2026-11-0001', 'REGULAR'], ['2026-11-0002', 'SUPPLEMENT']]);
  });

  it('a GB18030 export with a remark column is refused naming the column in readable Chinese', () => {
    const err = problemOf(decodeCsv(fixture('excel-csv-gb18030-remark.csv'), 'gb18030'));
    expect(err.details).toEqual(expect.objectContaining({ unknown: ['备注'] }));
  });

  it('a LibreOffice export with every field quoted, a thousands separator and a line break in a cell', () => {
    const err = problemOf(decodeCsv(fixture('calc-quoted.csv'), 'utf-8'));
    expect(err.details).toEqual([
      expect.objectContaining({ csvLine: 2, path: 'amountFen' }),
      expect.objectContaining({ csvLine: 3, path: 'bankAccount' }),
    ]);
  });

  it('counts the lines a quoted line break spans, so later lines keep their own numbers', () => {
    const csv = `${header}\r\nL1,${id},100,"6222020000000001",REGULAR\r\n"L2",${id},100,"6222 0200\r\n0000 0002",REGULAR\r\n\r\nL3,${id},100,6222020000000003,REGULAR\r\n`;
    const err = problemOf(csv);
    expect(err.details).toEqual([expect.objectContaining({ csvLine: 3, path: 'bankAccount' })]);
    const fixed = csv.replace('"6222 0200\r\n0000 0002"', '"6222 0200 0000 0002"');
    expect([...parseCsvPayments(fixed).csvLineOf]).toEqual([['L1', 2], ['L2', 3], ['L3', 5]]);
  });
});

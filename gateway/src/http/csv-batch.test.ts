import { ApiError } from '../errors';
import { makeResidentId } from '../privacy/resident-id';
import { parseCsvPayments } from './csv-batch';

const id = makeResidentId('310104', '19380512', '021');
const header = 'lineId,citizenId,amountFen,bankAccount,kind';

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

  it('refuses a header with a missing or unknown column', () => {
    const err = problemOf(`lineId,citizenId,amount,bankAccount,kind\nL1,${id},1,6222020000000001,REGULAR\n`);
    expect(err.details).toEqual({ missing: ['amountFen'], unknown: ['amount'] });
  });

  it('refuses a file with no payment lines, and one that is not CSV', () => {
    expect(problemOf(`${header}\n`).message).toMatch(/no payment lines/);
    expect(problemOf(`${header}\n"L1,${id}\n`).message).toMatch(/cannot be read/);
  });
});

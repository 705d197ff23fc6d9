import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ApiError } from '../errors';
import { csvCharset, decodeCsv } from './csv-charset';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name));

function refusal(action: () => unknown): ApiError {
  try {
    action();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('the charset a CSV upload is decoded with', () => {
  it('is UTF-8 unless the Content-Type or the charset parameter says otherwise', () => {
    expect(csvCharset(undefined, undefined)).toBe('utf-8');
    expect(csvCharset('', undefined)).toBe('utf-8');
    expect(csvCharset('GB18030', undefined)).toBe('gb18030');
    expect(csvCharset(undefined, 'utf8')).toBe('utf-8');
  });

  it('decodes GBK and GB2312 labels as GB18030, their superset', () => {
    expect(csvCharset('gbk', undefined)).toBe('gb18030');
    expect(csvCharset(undefined, 'GB2312')).toBe('gb18030');
    expect(csvCharset('cp936', 'gbk')).toBe('gb18030');
  });

  it('refuses a Content-Type and a charset parameter that disagree', () => {
    const err = refusal(() => csvCharset('utf-8', 'gb18030'));
    expect([err.status, err.code]).toEqual([400, 'CSV_CHARSET_CONFLICT']);
  });

  it.each(['latin1', 'utf-16le', 'ebcdic'])('refuses the charset %s with 415, naming what is accepted', (label) => {
    const err = refusal(() => csvCharset(label, undefined));
    expect([err.status, err.code]).toEqual([415, 'UNSUPPORTED_CHARSET']);
    expect(err.message).toContain(label);
  });
});

describe('decoding a CSV file', () => {
  it('reads an Excel "CSV UTF-8" export and drops its byte-order mark', () => {
    const text = decodeCsv(fixture('excel-csv-utf8.csv'), 'utf-8');
    expect(text.startsWith('lineId,citizenId,amountFen,bankAccount,kind\r\n')).toBe(true);
  });

  it('reads GB18030 bytes declared as GBK, four-byte sequences and the euro sign included', () => {
    const text = decodeCsv(fixture('excel-csv-gb18030-remark.csv'), csvCharset('gbk', undefined));
    expect(text).toContain(',备注\r\n');
    expect(text).toContain('王芳 𠀀 €');
  });

  it('refuses a GB18030 file sent as UTF-8 with CSV_ENCODING, naming the charset tried and the way out', () => {
    const err = refusal(() => decodeCsv(fixture('excel-csv-gb18030-remark.csv'), 'utf-8'));
    expect([err.status, err.code, err.details]).toEqual([400, 'CSV_ENCODING', { charset: 'utf-8' }]);
    expect(err.message).toMatch(/not valid utf-8.*charset=gb18030/);
  });

  it('refuses bytes that are not GB18030 either', () => {
    const err = refusal(() => decodeCsv(Buffer.from([0x41, 0x2c, 0xff, 0x0a]), 'gb18030'));
    expect([err.code, err.details]).toEqual(['CSV_ENCODING', { charset: 'gb18030' }]);
  });

  it('refuses a UTF-8 export declared as GB18030, by its byte-order mark', () => {
    const err = refusal(() => decodeCsv(fixture('excel-csv-utf8.csv'), 'gb18030'));
    expect(err.code).toBe('CSV_ENCODING');
    expect(err.message).toMatch(/UTF-8 byte-order mark/);
  });

  it('refuses a UTF-16 "Unicode text" export whatever was declared', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('lineId,citizenId\r\n', 'utf16le')]);
    expect(refusal(() => decodeCsv(utf16, 'utf-8')).message).toMatch(/UTF-16/);
  });
});

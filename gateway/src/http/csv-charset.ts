/**
 * The charsets a CSV batch may come in, and decoding that refuses bytes that are not in the
 * declared charset instead of turning them into U+FFFD. Chinese spreadsheet tools save "CSV" in
 * GB18030/GBK and "CSV UTF-8" with a byte-order mark; both are accepted when declared.
 */
import { ApiError } from '../errors';

export type CsvCharset = 'utf-8' | 'gb18030';

/**
 * WHATWG encoding names the labels resolve to. GBK labels (gbk, gb2312, cp936) are decoded as
 * GB18030, their superset: Node's own gbk decoder refuses GB18030's four-byte sequences, which
 * the same spreadsheet tools write for rarer characters.
 */
const CHARSET_OF_ENCODING: Record<string, CsvCharset> = { 'utf-8': 'utf-8', gb18030: 'gb18030', gbk: 'gb18030' };
/** Windows' name for the same code page, which the WHATWG label list lacks. */
const WINDOWS_LABELS: Record<string, string> = { cp936: 'gbk', 'windows-936': 'gbk' };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/**
 * The charset to decode with: from `Content-Type: text/csv; charset=...` and/or the `charset`
 * query parameter (they must agree when both are given); UTF-8 when neither is.
 */
export function csvCharset(fromContentType: string | undefined, fromQuery: string | undefined): CsvCharset {
  const declared = [fromContentType, fromQuery].filter((label): label is string => Boolean(label)).map(charsetOf);
  if (declared.length === 2 && declared[0] !== declared[1]) {
    throw new ApiError(400, 'CSV_CHARSET_CONFLICT', `Content-Type says charset ${declared[0]} but the charset parameter says ${declared[1]}`);
  }
  return declared[0] ?? 'utf-8';
}

function charsetOf(label: string): CsvCharset {
  let charset: CsvCharset | undefined;
  try {
    charset = CHARSET_OF_ENCODING[new TextDecoder(WINDOWS_LABELS[label.toLowerCase()] ?? label).encoding];
  } catch {
    charset = undefined;
  }
  if (!charset) {
    throw new ApiError(415, 'UNSUPPORTED_CHARSET', `charset ${label} is not accepted for CSV: send utf-8 or gb18030`, {
      supported: ['utf-8', 'gb18030'],
    });
  }
  return charset;
}

/** The file's text; a byte that is not valid in `charset` is a 400 CSV_ENCODING naming the charset tried. */
export function decodeCsv(bytes: Buffer, charset: CsvCharset): string {
  if (UTF16_BOMS.some((bom) => bytes.subarray(0, 2).equals(bom))) {
    throw encodingError(charset, 'the file is UTF-16 ("Unicode text"); export it as CSV UTF-8 or GB18030');
  }
  if (charset !== 'utf-8' && bytes.subarray(0, 3).equals(UTF8_BOM)) {
    throw encodingError(charset, `the file starts with a UTF-8 byte-order mark but charset ${charset} was declared; send charset=utf-8`);
  }
  let text: string;
  try {
    text = new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    throw encodingError(charset, `the file is not valid ${charset}` + hintFor(charset));
  }
  return text.replace(/^\uFEFF/, '');
}

function hintFor(charset: CsvCharset): string {
  return charset === 'utf-8'
    ? '; a file saved as "CSV" by a Chinese spreadsheet tool is usually GB18030: send charset=gb18030'
    : '; send the charset it was saved in (utf-8 or gb18030)';
}

function encodingError(charset: CsvCharset, message: string): ApiError {
  return new ApiError(400, 'CSV_ENCODING', message, { charset });
}

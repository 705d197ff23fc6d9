/**
 * Values fed both to the chaincode's checks and to the gateway's request schemas: each side must
 * accept exactly the accepted ones (the gateway's tests import this file too).
 */
export interface InputCase {
  name: string;
  change: Record<string, unknown>;
  accepted: boolean;
}

const control = 'law\u0007';

export const ACCESS_EVENT_CASES: InputCase[] = [
  { name: 'a legal basis of 256 characters', change: { legalBasis: 'x'.repeat(256) }, accepted: true },
  { name: 'a legal basis of 257 characters', change: { legalBasis: 'x'.repeat(257) }, accepted: false },
  { name: 'a blank legal basis', change: { legalBasis: '   ' }, accepted: false },
  { name: 'a legal basis with a control character', change: { legalBasis: control }, accepted: false },
  { name: 'a Chinese legal basis', change: { legalBasis: '《社会救助暂行办法》第十一条' }, accepted: true },
  { name: 'a time with milliseconds', change: { accessedAt: '2024-06-20T08:00:00.123Z' }, accepted: true },
  { name: 'a time on 30 February', change: { accessedAt: '2024-02-30T08:00:00Z' }, accepted: false },
  { name: 'a time at hour 24', change: { accessedAt: '2024-06-20T24:00:00Z' }, accepted: false },
  { name: 'a local time', change: { accessedAt: '2024-06-20 08:00:00' }, accepted: false },
  { name: 'a time with an offset', change: { accessedAt: '2024-06-20T08:00:00+08:00' }, accepted: false },
  { name: 'a lower-case dataset code with a colon', change: { datasetCode: 'mz.jz:dbdx' }, accepted: true },
  { name: 'a dataset code with a space', change: { datasetCode: 'MZ JZ' }, accepted: false },
  { name: 'field names starting with a digit or holding a dash', change: { fields: ['1st_line', 'bank-name'] }, accepted: true },
  { name: 'a field name with a space', change: { fields: ['bank name'] }, accepted: false },
  { name: '256 fields', change: { fields: Array.from({ length: 256 }, (_, i) => `f${i}`) }, accepted: true },
  { name: '257 fields', change: { fields: Array.from({ length: 257 }, (_, i) => `f${i}`) }, accepted: false },
  { name: 'no fields', change: { fields: [] }, accepted: false },
  { name: 'an unsafe result count', change: { resultCount: 2 ** 53 }, accepted: false },
  { name: 'a fractional result count', change: { resultCount: 1.5 }, accepted: false },
  { name: 'an unknown purpose', change: { purpose: 'CURIOSITY' }, accepted: false },
  { name: 'an unknown field', change: { idNumber: '310104198001010011' }, accepted: false },
];

export const PROGRAMME_CASES: InputCase[] = [
  { name: 'a Chinese name of 100 characters', change: { nameZh: '低'.repeat(100) }, accepted: true },
  { name: 'a Chinese name of 101 characters', change: { nameZh: '低'.repeat(101) }, accepted: false },
  { name: 'an English name of 200 characters', change: { nameEn: 'n'.repeat(200) }, accepted: true },
  { name: 'an English name of 201 characters', change: { nameEn: 'n'.repeat(201) }, accepted: false },
  { name: 'a blank English name', change: { nameEn: ' ' }, accepted: false },
  { name: 'a name with a line break', change: { nameZh: '低保\n' }, accepted: false },
  { name: 'a fractional cap', change: { monthlyCapFen: 10.5 }, accepted: false },
  { name: 'a zero cap', change: { monthlyCapFen: 0 }, accepted: false },
  { name: 'an unknown field', change: { owner: 'me' }, accepted: false },
];

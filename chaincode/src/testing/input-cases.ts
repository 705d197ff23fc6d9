/**
 * Edge values for every ledger input, fed both to the chaincode (its argument parsing) and to the
 * gateway's request schemas (gateway/src/http/schemas.test.ts): each side must accept exactly the
 * accepted ones and refuse the others at the same field. A kind holds one valid input as the
 * ledger takes it and the same input as an HTTP body (a citizen ID and bank account in place of
 * the pseudonyms, ids from the path left out); a case changes fields both forms share.
 */
import type { z } from 'zod';
import {
  accessEventSchema,
  batchSchema,
  deathSchema,
  grantSchema,
  lineSchema,
  programmeSchema,
  programmeUpdateSchema,
  recoverySchema,
  registrationSchema,
  reinstateSchema,
  revokeSchema,
  settlementSchema,
  suspendSchema,
  transferSchema,
} from '../lib/inputs';

type Input = Record<string, unknown>;

export interface InputCase {
  name: string;
  /** Fields to set (undefined removes one), or a change of the whole input (for nested lists). */
  change: Input | ((good: Input) => Input);
  accepted: boolean;
}

export interface InputKind {
  /** The ledger's schema and the name the chaincode gives the argument in its errors. */
  schema: z.ZodType;
  argName: string;
  ledger: Input;
  request: Input;
  cases: InputCase[];
}

export function changed(good: Input, change: InputCase['change']): Input {
  const next = typeof change === 'function' ? change(good) : { ...good, ...change };
  return Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined));
}

const SUBJECT = 'a'.repeat(64);
const ACCOUNT = 'b'.repeat(64);
/** A valid GB 11643 resident ID and a bank account number, as a client sends them to its gateway. */
const CITIZEN_ID = '11010519491231002X';
const BANK_ACCOUNT = '6222021234567890123';
const control = 'law\u0007';
const emoji = '\u{1F600}'; // two UTF-16 code units: lengths count code units on both sides

export const ACCESS_EVENT_CASES: InputCase[] = [
  { name: 'a legal basis of 256 characters', change: { legalBasis: 'x'.repeat(256) }, accepted: true },
  { name: 'a legal basis of 257 characters', change: { legalBasis: 'x'.repeat(257) }, accepted: false },
  { name: 'a blank legal basis', change: { legalBasis: '   ' }, accepted: false },
  { name: 'no legal basis', change: { legalBasis: undefined }, accepted: false },
  { name: 'a legal basis with a control character', change: { legalBasis: control }, accepted: false },
  { name: 'a Chinese legal basis', change: { legalBasis: '《社会救助暂行办法》第十一条' }, accepted: true },
  { name: 'a legal basis of 255 characters and an emoji', change: { legalBasis: 'x'.repeat(255) + emoji }, accepted: false },
  { name: 'a time with milliseconds', change: { accessedAt: '2024-06-20T08:00:00.123Z' }, accepted: true },
  { name: 'a time on 30 February', change: { accessedAt: '2024-02-30T08:00:00Z' }, accepted: false },
  { name: 'a time at hour 24', change: { accessedAt: '2024-06-20T24:00:00Z' }, accepted: false },
  { name: 'a local time', change: { accessedAt: '2024-06-20 08:00:00' }, accepted: false },
  { name: 'a time with an offset', change: { accessedAt: '2024-06-20T08:00:00+08:00' }, accepted: false },
  { name: 'a date without a time', change: { accessedAt: '2024-06-20' }, accepted: false },
  { name: 'a lower-case dataset code with a colon', change: { datasetCode: 'mz.jz:dbdx' }, accepted: true },
  { name: 'a dataset code with a space', change: { datasetCode: 'MZ JZ' }, accepted: false },
  { name: 'field names starting with a digit or holding a dash', change: { fields: ['1st_line', 'bank-name'] }, accepted: true },
  { name: 'a field name with a space', change: { fields: ['bank name'] }, accepted: false },
  { name: 'a Chinese field name', change: { fields: ['姓名'] }, accepted: false },
  { name: '256 fields', change: { fields: Array.from({ length: 256 }, (_, i) => `f${i}`) }, accepted: true },
  { name: '257 fields', change: { fields: Array.from({ length: 257 }, (_, i) => `f${i}`) }, accepted: false },
  { name: 'no fields', change: { fields: [] }, accepted: false },
  { name: 'an unsafe result count', change: { resultCount: 2 ** 53 }, accepted: false },
  { name: 'a fractional result count', change: { resultCount: 1.5 }, accepted: false },
  { name: 'a result count as text', change: { resultCount: '1' }, accepted: false },
  { name: 'an unknown purpose', change: { purpose: 'CURIOSITY' }, accepted: false },
  { name: 'an unknown field', change: { idNumber: '310104198001010011' }, accepted: false },
];

export const PROGRAMME_CASES: InputCase[] = [
  { name: 'a Chinese name of 100 characters', change: { nameZh: '低'.repeat(100) }, accepted: true },
  { name: 'a Chinese name of 101 characters', change: { nameZh: '低'.repeat(101) }, accepted: false },
  { name: 'an English name of 200 characters', change: { nameEn: 'n'.repeat(200) }, accepted: true },
  { name: 'an English name of 201 characters', change: { nameEn: 'n'.repeat(201) }, accepted: false },
  { name: 'an English name of 199 characters and an emoji', change: { nameEn: 'n'.repeat(199) + emoji }, accepted: false },
  { name: 'a blank English name', change: { nameEn: ' ' }, accepted: false },
  { name: 'a name with a line break', change: { nameZh: '低保\n' }, accepted: false },
  { name: 'a fractional cap', change: { monthlyCapFen: 10.5 }, accepted: false },
  { name: 'a zero cap', change: { monthlyCapFen: 0 }, accepted: false },
  { name: 'a cap as text', change: { monthlyCapFen: '100000' }, accepted: false },
  { name: 'an unknown field', change: { owner: 'me' }, accepted: false },
];

const DECISION_REF_CASES: InputCase[] = [
  { name: 'a decision reference of 128 characters', change: { decisionRef: 'd'.repeat(128) }, accepted: true },
  { name: 'a decision reference of 129 characters', change: { decisionRef: 'd'.repeat(129) }, accepted: false },
  { name: 'a Chinese decision reference', change: { decisionRef: '民政〔2024〕12号' }, accepted: true },
  { name: 'a decision reference with a tab', change: { decisionRef: 'MZ\t1' }, accepted: false },
  { name: 'a lower-case programme id', change: { programmeId: 'minimum_living' }, accepted: false },
  { name: 'an unknown field', change: { citizenName: '张三' }, accepted: false },
];

const GRANT_CASES: InputCase[] = [
  ...DECISION_REF_CASES,
  { name: 'a grant from 29 February of a leap year', change: { validFrom: '2024-02-29' }, accepted: true },
  { name: 'a grant from 29 February of another year', change: { validFrom: '2023-02-29' }, accepted: false },
  { name: 'a grant from a date without leading zeros', change: { validFrom: '2024-6-1' }, accepted: false },
  { name: 'a grant from a time rather than a date', change: { validFrom: '2024-06-01T00:00:00Z' }, accepted: false },
  { name: 'a grant ending the day it starts', change: { validTo: '2024-01-01' }, accepted: true },
  { name: 'a grant ending before it starts', change: { validTo: '2023-12-31' }, accepted: false },
  { name: 'a grant with no end given', change: { validTo: undefined }, accepted: true },
  { name: 'a grant with no evidence given', change: { evidence: undefined }, accepted: true },
  { name: '32 pieces of evidence', change: (g) => ({ ...g, evidence: Array(32).fill((g.evidence as unknown[])[0]) }), accepted: true },
  { name: '33 pieces of evidence', change: (g) => ({ ...g, evidence: Array(33).fill((g.evidence as unknown[])[0]) }), accepted: false },
  { name: 'evidence with an upper-case hash', change: { evidence: [{ kind: 'DECISION_LETTER', sha256: 'C'.repeat(64) }] }, accepted: false },
  { name: 'no checks', change: { checks: [] }, accepted: false },
  { name: 'a check of an unknown kind', change: { checks: [{ check: 'HOROSCOPE', result: 'PASS', sourceSystem: 'x' }] }, accepted: false },
  { name: 'a 5-digit district code', change: { districtCode: '31010' }, accepted: false },
];

const AMOUNT_CASES: InputCase[] = [
  // Any JSON number is taken; the ledger's rule rejects it INVALID_AMOUNT (a batch records the line REJECTED).
  { name: 'a fractional amount (a rule rejects it, INVALID_AMOUNT)', change: { amountFen: 12.5 }, accepted: true },
  { name: 'a negative amount (a rule rejects it)', change: { amountFen: -100 }, accepted: true },
  { name: 'a zero amount (a rule rejects it)', change: { amountFen: 0 }, accepted: true },
  { name: 'an unsafe integer amount (a rule rejects it)', change: { amountFen: 2 ** 53 + 2 }, accepted: true },
  { name: 'an amount of 1e21 (a rule rejects it)', change: { amountFen: 1e21 }, accepted: true },
  { name: 'an amount as text', change: { amountFen: '100' }, accepted: false },
  { name: 'an amount as text with a decimal point', change: { amountFen: '12.50' }, accepted: false },
  { name: 'an amount of null', change: { amountFen: null }, accepted: false },
  { name: 'no amount', change: { amountFen: undefined }, accepted: false },
  { name: 'a lineId of 128 characters', change: { lineId: 'L'.repeat(128) }, accepted: true },
  { name: 'a lineId of 129 characters', change: { lineId: 'L'.repeat(129) }, accepted: false },
  { name: 'a Chinese lineId', change: { lineId: '付款-1' }, accepted: false },
  { name: 'a lineId starting with a dash', change: { lineId: '-L1' }, accepted: false },
  { name: 'an unknown kind of line', change: { kind: 'BONUS' }, accepted: false },
  { name: 'an unknown field', change: { note: 'x' }, accepted: false },
];

const LINE_CASES: InputCase[] = [
  ...AMOUNT_CASES,
  { name: 'a period of month 13', change: { period: '2024-13' }, accepted: false },
  { name: 'a period given as a date', change: { period: '2024-06-01' }, accepted: false },
  { name: 'a lower-case programme id', change: { programmeId: 'minimum_living' }, accepted: false },
];

/** A batch whose first line is changed by a line case. */
const inFirstLine = (lineCase: InputCase): InputCase => ({
  name: `a line with ${lineCase.name}`,
  change: (b) => ({ ...b, lines: [changed((b.lines as Input[])[0], lineCase.change), ...(b.lines as Input[]).slice(1)] }),
  accepted: lineCase.accepted,
});

const BATCH_CASES: InputCase[] = [
  ...AMOUNT_CASES.map(inFirstLine),
  { name: 'no lines', change: { lines: [] }, accepted: false },
  { name: 'a lineId twice', change: (b) => ({ ...b, lines: [...(b.lines as Input[]), (b.lines as Input[])[0]] }), accepted: false },
  { name: 'lines that are not a list', change: { lines: 'L1' }, accepted: false },
  { name: 'a batchId of 129 characters', change: { batchId: 'B'.repeat(129) }, accepted: false },
  { name: 'a period of month 00', change: { period: '2024-00' }, accepted: false },
];

const DATE_CASES: InputCase[] = [
  { name: 'a date on 31 April', change: { date: '2024-04-31' }, accepted: false },
  { name: 'a date with a time', change: { date: '2024-06-21T10:00:00Z' }, accepted: false },
  { name: 'a date on 29 February 2024', change: { date: '2024-02-29' }, accepted: true },
];

export const INPUT_KINDS: Record<string, InputKind> = {
  accessEvent: {
    schema: accessEventSchema,
    argName: 'event',
    ledger: {
      eventId: 'EV-1', accessorSystemId: 'ca-relief', subjectRef: SUBJECT, datasetCode: 'MZ_JZ_DBDX', fields: ['name'],
      purpose: 'ELIGIBILITY_REVIEW', legalBasis: 'law', accessedAt: '2024-06-20T08:00:00Z', resultCount: 1,
    },
    request: {
      subjectRef: SUBJECT, datasetCode: 'MZ_JZ_DBDX', fields: ['name'], purpose: 'ELIGIBILITY_REVIEW', legalBasis: 'law',
      accessedAt: '2024-06-20T08:00:00Z', resultCount: 1,
    },
    cases: ACCESS_EVENT_CASES,
  },
  programme: {
    schema: programmeSchema,
    argName: 'programme',
    ledger: { id: 'MINIMUM_LIVING', nameEn: 'Minimum living', nameZh: '低保', monthlyCapFen: 100_000 },
    request: { id: 'MINIMUM_LIVING', nameEn: 'Minimum living', nameZh: '低保', monthlyCapFen: 100_000 },
    cases: PROGRAMME_CASES,
  },
  programmeUpdate: {
    schema: programmeUpdateSchema,
    argName: 'programme',
    ledger: { id: 'MINIMUM_LIVING', nameEn: 'Minimum living allowance' },
    request: { nameEn: 'Minimum living allowance' },
    cases: [...PROGRAMME_CASES, { name: 'nothing to change', change: { nameEn: undefined }, accepted: false }],
  },
  grant: {
    schema: grantSchema,
    argName: 'grant',
    ledger: {
      subjectRef: SUBJECT, programmeId: 'MINIMUM_LIVING', validFrom: '2024-01-01', validTo: null, districtCode: '310104',
      decisionRef: 'MZ-2024-001', evidence: [{ kind: 'DECISION_LETTER', sha256: 'c'.repeat(64) }],
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'hukou' }],
    },
    request: {
      citizenId: CITIZEN_ID, programmeId: 'MINIMUM_LIVING', validFrom: '2024-01-01', validTo: null, districtCode: '310104',
      decisionRef: 'MZ-2024-001', evidence: [{ kind: 'DECISION_LETTER', sha256: 'c'.repeat(64) }],
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'hukou' }],
    },
    cases: GRANT_CASES,
  },
  suspension: {
    schema: suspendSchema,
    argName: 'suspension',
    ledger: { subjectRef: SUBJECT, programmeId: 'MINIMUM_LIVING', reason: 'INCOME_CHANGE', decisionRef: 'MZ-2024-002' },
    request: { citizenId: CITIZEN_ID, programmeId: 'MINIMUM_LIVING', reason: 'INCOME_CHANGE', decisionRef: 'MZ-2024-002' },
    cases: [...DECISION_REF_CASES, { name: 'a lower-case reason', change: { reason: 'income_change' }, accepted: false }],
  },
  reinstatement: {
    schema: reinstateSchema,
    argName: 'reinstatement',
    ledger: { subjectRef: SUBJECT, programmeId: 'MINIMUM_LIVING', decisionRef: 'MZ-2024-003' },
    request: { citizenId: CITIZEN_ID, programmeId: 'MINIMUM_LIVING', decisionRef: 'MZ-2024-003' },
    cases: DECISION_REF_CASES,
  },
  revocation: {
    schema: revokeSchema,
    argName: 'revocation',
    ledger: { subjectRef: SUBJECT, programmeId: 'MINIMUM_LIVING', reason: 'MOVED_AWAY', decisionRef: 'MZ-2024-004' },
    request: { citizenId: CITIZEN_ID, programmeId: 'MINIMUM_LIVING', reason: 'MOVED_AWAY', decisionRef: 'MZ-2024-004' },
    cases: [...DECISION_REF_CASES, { name: 'no reason', change: { reason: undefined }, accepted: false }],
  },
  transfer: {
    schema: transferSchema,
    argName: 'transfer',
    ledger: { subjectRef: SUBJECT, programmeId: 'MINIMUM_LIVING', districtCode: '310105', decisionRef: 'MZ-2024-005' },
    request: { citizenId: CITIZEN_ID, programmeId: 'MINIMUM_LIVING', districtCode: '310105', decisionRef: 'MZ-2024-005' },
    cases: [...DECISION_REF_CASES, { name: 'a district code with a letter', change: { districtCode: '31010A' }, accepted: false }],
  },
  death: {
    schema: deathSchema,
    argName: 'death',
    ledger: { subjectRef: SUBJECT, dateOfDeath: '2024-06-10', source: 'CITY_DEATH_REGISTRY' },
    request: { citizenId: CITIZEN_ID, dateOfDeath: '2024-06-10', source: 'CITY_DEATH_REGISTRY' },
    cases: [
      { name: 'a death on 29 February 2024', change: { dateOfDeath: '2024-02-29' }, accepted: true },
      { name: 'a death on 29 February 2023', change: { dateOfDeath: '2023-02-29' }, accepted: false },
      { name: 'a death in month 13', change: { dateOfDeath: '2024-13-01' }, accepted: false },
      { name: 'a death at a time of day', change: { dateOfDeath: '2024-06-10T08:00:00Z' }, accepted: false },
      { name: 'a lower-case source', change: { source: 'city_registry' }, accepted: false },
      { name: 'a source of 65 characters', change: { source: 'S'.repeat(65) }, accepted: false },
      { name: 'an unknown field', change: { cause: 'x' }, accepted: false },
    ],
  },
  line: {
    schema: lineSchema,
    argName: 'line',
    ledger: {
      lineId: 'L-2024-06-0001', programmeId: 'MINIMUM_LIVING', period: '2024-06', subjectRef: SUBJECT, amountFen: 50_000,
      accountRef: ACCOUNT, kind: 'REGULAR',
    },
    request: {
      lineId: 'L-2024-06-0001', programmeId: 'MINIMUM_LIVING', period: '2024-06', citizenId: CITIZEN_ID, amountFen: 50_000,
      bankAccount: BANK_ACCOUNT, kind: 'REGULAR',
    },
    cases: LINE_CASES,
  },
  batch: {
    schema: batchSchema,
    argName: 'batch',
    ledger: {
      batchId: 'B-2024-06', programmeId: 'MINIMUM_LIVING', period: '2024-06',
      lines: [
        { lineId: 'L-1', subjectRef: SUBJECT, amountFen: 50_000, accountRef: ACCOUNT, kind: 'REGULAR' },
        { lineId: 'L-2', subjectRef: 'd'.repeat(64), amountFen: 40_000, accountRef: 'e'.repeat(64), kind: 'SUPPLEMENT' },
      ],
    },
    request: {
      batchId: 'B-2024-06', programmeId: 'MINIMUM_LIVING', period: '2024-06',
      lines: [
        { lineId: 'L-1', citizenId: CITIZEN_ID, amountFen: 50_000, bankAccount: BANK_ACCOUNT, kind: 'REGULAR' },
        { lineId: 'L-2', citizenId: '110105194912310038', amountFen: 40_000, bankAccount: '6222029876543210', kind: 'SUPPLEMENT' },
      ],
    },
    cases: BATCH_CASES,
  },
  settlement: {
    schema: settlementSchema,
    argName: 'settlement',
    ledger: { lineId: 'L-2024-06-0001', outcome: 'SETTLED', bankRef: 'ICBC-20240621-1', date: '2024-06-21' },
    request: { outcome: 'SETTLED', bankRef: 'ICBC-20240621-1', date: '2024-06-21' },
    cases: [
      ...DATE_CASES,
      { name: 'an unknown outcome', change: { outcome: 'LOST' }, accepted: false },
      { name: 'a bank reference of 129 characters', change: { bankRef: 'R'.repeat(129) }, accepted: false },
      { name: 'an unknown field', change: { amountFen: 1 }, accepted: false },
    ],
  },
  recovery: {
    schema: recoverySchema,
    argName: 'recovery',
    ledger: { lineId: 'L-2024-06-0001', recoveryRef: 'REC-1', date: '2024-07-01' },
    request: { recoveryRef: 'REC-1', date: '2024-07-01' },
    cases: [...DATE_CASES, { name: 'a recovery reference with a space', change: { recoveryRef: 'REC 1' }, accepted: false }],
  },
  system: {
    schema: registrationSchema,
    argName: 'system',
    ledger: { systemId: 'ca-relief', name: 'Relief office', roles: ['civil-affairs', 'access-log'] },
    request: { systemId: 'ca-relief', name: 'Relief office', roles: ['civil-affairs', 'access-log'] },
    cases: [
      { name: 'a name of 200 characters', change: { name: 'n'.repeat(200) }, accepted: true },
      { name: 'a name of 201 characters', change: { name: 'n'.repeat(201) }, accepted: false },
      { name: 'a Chinese name', change: { name: '民政局救助科' }, accepted: true },
      { name: 'a name of an ideographic space only', change: { name: '\u3000' }, accepted: false },
      { name: 'a role twice', change: { roles: ['civil-affairs', 'civil-affairs'] }, accepted: false },
      { name: 'no roles', change: { roles: [] }, accepted: false },
      { name: 'an unknown role', change: { roles: ['root'] }, accepted: false },
      { name: 'a certificate fingerprint', change: { certFingerprint: 'f'.repeat(64) }, accepted: true },
      { name: 'an upper-case certificate fingerprint', change: { certFingerprint: 'F'.repeat(64) }, accepted: false },
      { name: 'a systemId of 129 characters', change: { systemId: 's'.repeat(129) }, accepted: false },
      { name: 'an unknown field', change: { password: 'x' }, accepted: false },
    ],
  },
};

/**
 * Request bodies as zod schemas: the one definition used both to validate requests and to
 * describe them. Unknown fields are refused. Citizen IDs and bank accounts appear only here,
 * on their way to becoming pseudonyms; no message quotes them back.
 */
import { CHECK_KINDS, CHECK_RESULTS, FORMATS, LINE_KINDS } from '@welfare-ledger/chaincode/lib';
import { z } from 'zod';
import { residentIdProblem } from '../privacy/resident-id';

const citizenId = z.string().superRefine((value, ctx) => {
  const problem = residentIdProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `not a valid 18-character resident ID (${problem})` });
});
const bankAccount = z.string().regex(/^[0-9][0-9 -]{7,38}[0-9]$/, 'not a bank account number');
const programmeId = z.string().regex(FORMATS.programmeId, 'an upper-case programme id such as ELDERLY_ALLOWANCE');
const recordId = z.string().regex(FORMATS.id, 'letters, digits and . _ : - (at most 128)');
const period = z.string().regex(FORMATS.period, 'a period YYYY-MM');
const date = z.string().regex(FORMATS.date, 'a date YYYY-MM-DD');
const sha256 = z.string().regex(FORMATS.sha256, '64 lowercase hex characters');

export const programmeInput = z.strictObject({
  id: programmeId,
  nameEn: z.string().min(1).max(200),
  nameZh: z.string().min(1).max(200),
  monthlyCapFen: z.number().int().positive(),
});

export const disbursementLineInput = z.strictObject({
  lineId: recordId,
  programmeId,
  period,
  citizenId,
  // The ledger itself rejects a non-positive or fractional amount (INVALID_AMOUNT).
  amountFen: z.number(),
  bankAccount,
  kind: z.enum(LINE_KINDS),
});

export const eligibilityGrantInput = z.strictObject({
  citizenId,
  programmeId,
  validFrom: date,
  validTo: date.nullable().optional(),
  districtCode: z.string().regex(FORMATS.districtCode, 'a 6-digit district code (GB/T 2260)'),
  decisionRef: z.string().min(1).max(128),
  evidence: z.array(z.strictObject({ kind: z.string().regex(FORMATS.code), sha256 })).max(32).optional(),
  checks: z
    .array(
      z.strictObject({
        check: z.enum(CHECK_KINDS),
        result: z.enum(CHECK_RESULTS),
        sourceSystem: recordId,
      }),
    )
    .min(1)
    .max(16),
});

/**
 * Request bodies and queries as zod schemas: the one definition used both to validate requests
 * and to describe them in /openapi.json. Unknown fields are refused. Citizen IDs and bank
 * accounts appear only here, on their way to becoming pseudonyms; no message quotes them back.
 */
import {
  ACCESS_PURPOSES,
  accessEventFields,
  CHECK_KINDS,
  CHECK_RESULTS,
  FORMATS,
  ledgerText,
  LINE_KINDS,
  programmeFields,
  programmeSchema,
  SETTLEMENT_OUTCOMES,
  SYSTEM_ROLES,
} from '@welfare-ledger/chaincode/lib';
import { z } from 'zod';
import { residentIdProblem } from '../privacy/resident-id';

export const citizenId = z
  .string()
  .superRefine((value, ctx) => {
    const problem = residentIdProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a valid 18-character resident ID (${problem})` });
  })
  .describe('18-character resident ID (GB 11643); turned into a subjectRef at once, never stored or echoed');
const bankAccount = z.string().regex(/^[0-9][0-9 -]{7,38}[0-9]$/, 'not a bank account number').describe('turned into an accountRef');
const programmeId = z.string().regex(FORMATS.programmeId, 'an upper-case programme id such as ELDERLY_ALLOWANCE');
export const recordId = z.string().regex(FORMATS.id, 'letters, digits and . _ : - (at most 128)');
const code = z.string().regex(FORMATS.code, 'an upper-case code such as DECISION_LETTER');
const period = z.string().regex(FORMATS.period, 'a period YYYY-MM');
const date = z.string().regex(FORMATS.date, 'a date YYYY-MM-DD');
const sha256 = z.string().regex(FORMATS.sha256, '64 lowercase hex characters');
export const subjectRef = z.string().regex(FORMATS.pseudonym, 'a subjectRef: 64 lowercase hex characters');
const districtCode = z.string().regex(FORMATS.districtCode, 'a 6-digit district code (GB/T 2260)');
const decisionRef = ledgerText(128);

// -- systems ---------------------------------------------------------------------------------
export const systemInput = z.strictObject({
  systemId: recordId,
  name: ledgerText(200),
  roles: z.array(z.enum(SYSTEM_ROLES)).min(1).max(SYSTEM_ROLES.length),
  certFingerprint: sha256.optional(),
});

// -- programmes: the ledger's own input (chaincode lib) ----------------------------------------
export const programmeInput = programmeSchema;
export const programmeUpdate = z.strictObject({
  nameEn: programmeFields.nameEn.optional(),
  nameZh: programmeFields.nameZh.optional(),
  monthlyCapFen: programmeFields.monthlyCapFen.optional(),
});

// -- eligibility -----------------------------------------------------------------------------
export const eligibilityGrantInput = z.strictObject({
  citizenId,
  programmeId,
  validFrom: date,
  validTo: date.nullable().optional(),
  districtCode,
  decisionRef,
  evidence: z.array(z.strictObject({ kind: code, sha256 })).max(32).optional(),
  checks: z
    .array(z.strictObject({ check: z.enum(CHECK_KINDS), result: z.enum(CHECK_RESULTS), sourceSystem: recordId }))
    .min(1)
    .max(16),
});
export const eligibilitySuspendInput = z.strictObject({ citizenId, programmeId, reason: code, decisionRef });
export const eligibilityReinstateInput = z.strictObject({ citizenId, programmeId, decisionRef });
export const eligibilityRevokeInput = z.strictObject({ citizenId, programmeId, reason: code, decisionRef });
export const eligibilityTransferInput = z.strictObject({ citizenId, programmeId, districtCode, decisionRef });

// -- deaths ----------------------------------------------------------------------------------
export const deathInput = z.strictObject({ citizenId, dateOfDeath: date, source: code });

// -- disbursements ---------------------------------------------------------------------------
// The ledger itself rejects a non-positive or fractional amount (INVALID_AMOUNT), so any number passes here.
const amountFen = z.number().describe('integer fen; anything else is rejected INVALID_AMOUNT by the ledger');
export const disbursementLineInput = z.strictObject({
  lineId: recordId,
  programmeId,
  period,
  citizenId,
  amountFen,
  bankAccount,
  kind: z.enum(LINE_KINDS),
});
export const batchLineInput = z.strictObject({ lineId: recordId, citizenId, amountFen, bankAccount, kind: z.enum(LINE_KINDS) });
/** The most payment lines one batch may carry, as JSON or as CSV. */
export const MAX_BATCH_LINES = 5000;
export const batchInput = z.strictObject({
  batchId: recordId,
  programmeId,
  period,
  lines: z.array(batchLineInput).min(1).max(MAX_BATCH_LINES),
});
export const csvBatchQuery = z.strictObject({
  batchId: recordId,
  programmeId,
  period,
  charset: z.string().max(40).optional().describe('utf-8 (default; a byte-order mark is allowed) or gb18030 (also gbk, gb2312, cp936: decoded as GB18030); or send Content-Type: text/csv; charset=...'),
});
export const settlementInput = z.strictObject({ outcome: z.enum(SETTLEMENT_OUTCOMES), bankRef: recordId, date });
export const recoveryInput = z.strictObject({ recoveryRef: recordId, date });

// -- access events: the ledger's fields (chaincode lib), with the ids optional and the subject as either ID
export const accessEventInput = z
  .strictObject({
    eventId: recordId
      .optional()
      .describe('unique on the chain: the same event again gets its first anchor; other content, or another system, is 409 EVENT_ID_TAKEN'),
    accessorSystemId: recordId.optional().describe('defaults to the calling system; must be a system of its org'),
    citizenId: citizenId.optional(),
    subjectRef: subjectRef.optional(),
    ...accessEventFields,
  })
  .refine((e) => (e.citizenId === undefined) !== (e.subjectRef === undefined), {
    message: 'give exactly one of citizenId and subjectRef',
    path: ['citizenId'],
  });
export const accessEventsInput = z.union([accessEventInput, z.array(accessEventInput).min(1).max(1000)]);

// -- reads of personal data: the purpose is logged as an access event ------------------------
export const purposeQuery = z.strictObject({ purpose: z.enum(ACCESS_PURPOSES) });
export const historyInput = z
  .strictObject({ citizenId: citizenId.optional(), subjectRef: subjectRef.optional() })
  .refine((b) => (b.citizenId === undefined) !== (b.subjectRef === undefined), {
    message: 'give exactly one of citizenId and subjectRef',
    path: ['citizenId'],
  });
export const historyQuery = z.strictObject({
  purpose: z.enum(ACCESS_PURPOSES),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
});
export const summaryQuery = z.strictObject({ programmeId: programmeId.optional(), districtCode: districtCode.optional(), period: period.optional() });
export const anomalyQuery = z.strictObject({ programmeId: programmeId.optional(), period: period.optional() });

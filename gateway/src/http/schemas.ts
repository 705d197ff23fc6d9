/**
 * Request bodies and queries as zod schemas: the one definition used both to validate requests
 * and to describe them in /openapi.json. Unknown fields are refused. Citizen IDs and bank
 * accounts appear only here, on their way to becoming pseudonyms; no message quotes them back.
 *
 * Every body the ledger receives is the ledger's own input schema (chaincode lib, lib/inputs),
 * wrapped only for what HTTP adds: a citizen ID and a bank account in place of the subjectRef and
 * accountRef the gateway derives from them (`.omit(...).extend(...)`), and ids taken from the path
 * instead of the body (`.omit(...)`). Checks across fields (a repeated lineId, validTo before
 * validFrom) are the ledger's own functions applied again to the wrapped shape. So the gateway
 * refuses exactly what the ledger would refuse (http/schemas.test.ts feeds both the same table).
 */
import {
  ACCESS_PURPOSES,
  accessEventFields,
  batchFields,
  batchLineSchema,
  changesSomething,
  deathSchema,
  FORMATS,
  grantFields,
  lineSchema,
  MAX_BATCH_LINES,
  MAX_GRANTS_PER_IMPORT,
  oneGrantPerSubjectAndProgramme,
  programmeChanges,
  programmeSchema,
  recoverySchema,
  registrationSchema,
  reinstateSchema,
  revokeSchema,
  settlementSchema,
  suspendSchema,
  transferSchema,
  uniqueBy,
  validToNotBeforeValidFrom,
} from '@welfare-ledger/chaincode/lib';
import { z } from 'zod';
import { residentIdProblem } from '../privacy/resident-id';

export { MAX_BATCH_LINES, MAX_GRANTS_PER_IMPORT };

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
const period = z.string().regex(FORMATS.period, 'a period YYYY-MM');
export const subjectRef = z.string().regex(FORMATS.pseudonym, 'a subjectRef: 64 lowercase hex characters');
const districtCode = z.string().regex(FORMATS.districtCode, 'a 6-digit district code (GB/T 2260)');

/** The subject as the caller knows it: a citizen ID, which the gateway turns into the subjectRef. */
const bySubject = { subjectRef: true } as const;
const byCitizen = { citizenId };

// -- systems: the org is the admin's own, never a field -----------------------------------------
export const systemInput = registrationSchema.omit({ org: true });

// -- programmes: the id of an update is in the path ----------------------------------------------
export const programmeInput = programmeSchema;
export const programmeUpdate = programmeChanges.superRefine(changesSomething);

// -- eligibility -----------------------------------------------------------------------------
export const eligibilityGrantInput = grantFields.omit(bySubject).extend(byCitizen).superRefine(validToNotBeforeValidFrom);
export const eligibilityImportInput = z
  .strictObject({ grants: z.array(eligibilityGrantInput).min(1).max(MAX_GRANTS_PER_IMPORT) })
  .superRefine(oneGrantPerSubjectAndProgramme('citizenId'));
export const eligibilitySuspendInput = suspendSchema.omit(bySubject).extend(byCitizen);
export const eligibilityReinstateInput = reinstateSchema.omit(bySubject).extend(byCitizen);
export const eligibilityRevokeInput = revokeSchema.omit(bySubject).extend(byCitizen);
export const eligibilityTransferInput = transferSchema.omit(bySubject).extend(byCitizen);

// -- deaths ----------------------------------------------------------------------------------
export const deathInput = deathSchema.omit(bySubject).extend(byCitizen);

// -- disbursements: the lineId of a settlement or recovery is in the path ------------------------
const byAccount = { subjectRef: true, accountRef: true } as const;
export const disbursementLineInput = lineSchema.omit(byAccount).extend({ citizenId, bankAccount });
export const batchLineInput = batchLineSchema.omit(byAccount).extend({ citizenId, bankAccount });
export const batchInput = z
  .strictObject({ ...batchFields, lines: z.array(batchLineInput).min(1).max(MAX_BATCH_LINES) })
  .superRefine(uniqueBy('lines', 'lineId'));
export const csvBatchQuery = z.strictObject({
  batchId: recordId,
  programmeId,
  period,
  charset: z.string().max(40).optional().describe('utf-8 (default; a byte-order mark is allowed) or gb18030 (also gbk, gb2312, cp936: decoded as GB18030); or send Content-Type: text/csv; charset=...'),
});
export const settlementInput = settlementSchema.omit({ lineId: true });
export const recoveryInput = recoverySchema.omit({ lineId: true });

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

/**
 * Eligibility decisions by Civil Affairs. Each schema is a plain object of fields (so the gateway
 * can take a citizen ID in place of the subjectRef) plus, for a grant, one check across fields.
 */
import { z } from 'zod';
import { CHECK_KINDS, CHECK_RESULTS } from '../records';
import { addProblem, codeInput, decisionRefInput, districtCodeInput, ledgerId, programmeIdInput, pseudonymRef, realDateInput, sha256Input } from './fields';

const evidence = z.strictObject({ kind: codeInput, sha256: sha256Input });
const check = z.strictObject({ check: z.enum(CHECK_KINDS), result: z.enum(CHECK_RESULTS), sourceSystem: ledgerId });

export const grantFields = z.strictObject({
  subjectRef: pseudonymRef,
  programmeId: programmeIdInput,
  validFrom: realDateInput,
  validTo: realDateInput.nullable().default(null),
  districtCode: districtCodeInput,
  decisionRef: decisionRefInput,
  evidence: z.array(evidence).max(32).default([]),
  checks: z.array(check).min(1).max(16),
});

export function validToNotBeforeValidFrom(grant: { validFrom: string; validTo: string | null }, ctx: z.RefinementCtx): void {
  if (grant.validTo !== null && grant.validTo < grant.validFrom) {
    addProblem(ctx, ['validTo'], 'is before validFrom');
  }
}

export const grantSchema = grantFields.superRefine(validToNotBeforeValidFrom);
export type GrantInput = z.infer<typeof grantSchema>;

export const suspendSchema = z.strictObject({ subjectRef: pseudonymRef, programmeId: programmeIdInput, reason: codeInput, decisionRef: decisionRefInput });
export type SuspendInput = z.infer<typeof suspendSchema>;

export const reinstateSchema = z.strictObject({ subjectRef: pseudonymRef, programmeId: programmeIdInput, decisionRef: decisionRefInput });
export type ReinstateInput = z.infer<typeof reinstateSchema>;

export const revokeSchema = z.strictObject({ subjectRef: pseudonymRef, programmeId: programmeIdInput, reason: codeInput, decisionRef: decisionRefInput });
export type RevokeInput = z.infer<typeof revokeSchema>;

export const transferSchema = z.strictObject({
  subjectRef: pseudonymRef,
  programmeId: programmeIdInput,
  districtCode: districtCodeInput,
  decisionRef: decisionRefInput,
});
export type TransferInput = z.infer<typeof transferSchema>;

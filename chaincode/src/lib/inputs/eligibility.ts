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

/** The most grants one eligibility import carries: one transaction, well inside the endorsement deadline. */
export const MAX_GRANTS_PER_IMPORT = 1000;

/**
 * An import of many grants in one transaction (a business system's decisions moved onto the chain
 * at once): all are granted, or none. A subject and programme appear at most once.
 */
export const grantImportSchema = z
  .strictObject({ grants: z.array(grantSchema).min(1).max(MAX_GRANTS_PER_IMPORT) })
  .superRefine(oneGrantPerSubjectAndProgramme('subjectRef'));
export type GrantImportInput = z.infer<typeof grantImportSchema>;

/** A refinement naming the first grant that repeats an earlier one's subject (`subjectField`) and programme. */
export function oneGrantPerSubjectAndProgramme(subjectField: 'subjectRef' | 'citizenId') {
  return (input: { grants: Array<Record<string, unknown>> }, ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const [i, grant] of input.grants.entries()) {
      const pair = `${String(grant[subjectField])}\u0000${String(grant.programmeId)}`;
      if (seen.has(pair)) {
        addProblem(ctx, ['grants', i], `repeats the ${subjectField} and programmeId of an earlier grant`);
        return;
      }
      seen.add(pair);
    }
  };
}

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

import { CHECK_KINDS, CHECK_RESULTS } from '../lib/records';
import {
  arrayOf,
  code,
  districtCode,
  id,
  invalid,
  object,
  oneOf,
  optional,
  realDate,
  sha256,
  subjectRef,
  text,
  type Check,
} from './validate';

const evidence = object({ kind: code, sha256 });
const check = object({ check: oneOf(CHECK_KINDS), result: oneOf(CHECK_RESULTS), sourceSystem: id });
const decisionRef = text(128);

const grantShape = object({
  subjectRef,
  programmeId: id,
  validFrom: realDate,
  validTo: optional(realDate),
  districtCode,
  decisionRef,
  evidence: optional(arrayOf(evidence, { min: 0, max: 32 })),
  checks: arrayOf(check, { min: 1, max: 16 }),
});

export interface GrantInput extends Omit<ReturnType<typeof grantShape>, 'evidence'> {
  evidence: ReturnType<typeof evidence>[];
}

export const grantInput: Check<GrantInput> = (value, path) => {
  const input = grantShape(value, path);
  if (input.validTo !== null && input.validTo < input.validFrom) throw invalid(`${path}.validTo`, 'is before validFrom');
  return { ...input, evidence: input.evidence ?? [] };
};

export const suspendInput = object({ subjectRef, programmeId: id, reason: code, decisionRef });
export type SuspendInput = ReturnType<typeof suspendInput>;

export const reinstateInput = object({ subjectRef, programmeId: id, decisionRef });
export type ReinstateInput = ReturnType<typeof reinstateInput>;

export const revokeInput = object({ subjectRef, programmeId: id, reason: code, decisionRef });
export type RevokeInput = ReturnType<typeof revokeInput>;

export const transferInput = object({ subjectRef, programmeId: id, districtCode, decisionRef });
export type TransferInput = ReturnType<typeof transferInput>;

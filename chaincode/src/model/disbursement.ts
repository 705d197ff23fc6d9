import { LINE_KINDS, SETTLEMENT_OUTCOMES } from '../lib/records';
import {
  accountRef,
  arrayOf,
  id,
  invalid,
  object,
  oneOf,
  period,
  realDate,
  subjectRef,
  type Check,
} from './validate';

/** The largest batch one transaction accepts. */
export const MAX_BATCH_LINES = 5000;

/**
 * An amount as submitted. Whether it is a valid amount is a rule (INVALID_AMOUNT), so that a
 * wrong amount in a batch is recorded as a rejected line rather than refusing the batch.
 */
export const submittedAmount: Check<number | string> = (value, path) => {
  if (typeof value !== 'number' && typeof value !== 'string') throw invalid(path, 'must be a number of fen');
  if (typeof value === 'string' && value.length > 64) throw invalid(path, 'is too long');
  return value;
};

/** The fields of one payment, whether posted alone or in a batch (which gives programme and period). */
const paymentFields = {
  lineId: id,
  subjectRef,
  amountFen: submittedAmount,
  accountRef,
  kind: oneOf(LINE_KINDS),
};

export const lineInput = object({ ...paymentFields, programmeId: id, period });
export type LineInput = ReturnType<typeof lineInput>;

const batchLine = object(paymentFields);
export type BatchLineInput = ReturnType<typeof batchLine>;

const batchShape = object({
  batchId: id,
  // Checked as a rule (UNKNOWN_PROGRAM on every line), so any bounded id is accepted here.
  programmeId: id,
  period,
  lines: arrayOf(batchLine, { min: 1, max: MAX_BATCH_LINES }),
});
export type BatchInput = ReturnType<typeof batchShape>;

export const batchInput: Check<BatchInput> = (value, path) => {
  const batch = batchShape(value, path);
  const seen = new Set<string>();
  batch.lines.forEach((line, i) => {
    if (seen.has(line.lineId)) throw invalid(`${path}.lines[${i}].lineId`, `repeats lineId ${line.lineId}`);
    seen.add(line.lineId);
  });
  return batch;
};

export const settlementInput = object({
  lineId: id,
  outcome: oneOf(SETTLEMENT_OUTCOMES),
  bankRef: id,
  date: realDate,
});
export type SettlementInput = ReturnType<typeof settlementInput>;

export const recoveryInput = object({
  lineId: id,
  recoveryRef: id,
  date: realDate,
});
export type RecoveryInput = ReturnType<typeof recoveryInput>;

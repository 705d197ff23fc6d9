/** Payment lines (alone or in a batch), their settlement by the bank and overpayment recovery. */
import { z } from 'zod';
import { LINE_KINDS, SETTLEMENT_OUTCOMES } from '../records';
import { ledgerId, periodInput, programmeIdInput, pseudonymRef, realDateInput, uniqueBy } from './fields';

/** The largest batch one transaction accepts, as JSON or as CSV. */
export const MAX_BATCH_LINES = 5000;

/**
 * An amount as submitted: any JSON number. Whether it is a valid amount (a positive safe integer
 * of fen) is a rule, INVALID_AMOUNT, so that a wrong amount in a batch is recorded as a REJECTED
 * line rather than refusing the batch. Text is not an amount at all: VALIDATION.
 */
export const submittedAmount = z.number().describe('integer fen; any other number is rejected INVALID_AMOUNT by the ledger');

/** The fields of one payment, whether posted alone or in a batch (which gives programme and period). */
export const paymentFields = {
  lineId: ledgerId,
  subjectRef: pseudonymRef,
  amountFen: submittedAmount,
  accountRef: pseudonymRef,
  kind: z.enum(LINE_KINDS),
};

export const lineSchema = z.strictObject({ ...paymentFields, programmeId: programmeIdInput, period: periodInput });
export type LineInput = z.infer<typeof lineSchema>;

export const batchLineSchema = z.strictObject(paymentFields);
export type BatchLineInput = z.infer<typeof batchLineSchema>;

export const batchFields = {
  batchId: ledgerId,
  // An unknown programme is a rule (UNKNOWN_PROGRAM on every line), so any well-formed id passes here.
  programmeId: programmeIdInput,
  period: periodInput,
};

export const batchSchema = z
  .strictObject({ ...batchFields, lines: z.array(batchLineSchema).min(1).max(MAX_BATCH_LINES) })
  .superRefine(uniqueBy('lines', 'lineId'));
export type BatchInput = z.infer<typeof batchSchema>;

/** The bank's outcome of a POSTED line; the gateway takes the lineId from the path. */
export const settlementFields = { outcome: z.enum(SETTLEMENT_OUTCOMES), bankRef: ledgerId, date: realDateInput };
export const settlementSchema = z.strictObject({ lineId: ledgerId, ...settlementFields });
export type SettlementInput = z.infer<typeof settlementSchema>;

export const recoveryFields = { recoveryRef: ledgerId, date: realDateInput };
export const recoverySchema = z.strictObject({ lineId: ledgerId, ...recoveryFields });
export type RecoveryInput = z.infer<typeof recoverySchema>;

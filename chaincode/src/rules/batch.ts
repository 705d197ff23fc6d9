import { canonicalJson, sha256Hex } from '../lib/canonical-json';
import { LedgerError } from '../lib/ledger-error';
import type { LineRejectionCode } from '../lib/reason-codes';
import type { DisbursementBatch, DisbursementLine, LineResult } from '../lib/records';
import type { BatchInput } from '../lib/inputs';
import { checkLine, keptAmount, validAmount, type LineDecision, type LineFacts, type SubmittedLine } from './disbursement';
import { withPostedLine, type PaidPeriod } from './payments';
import type { Stamp } from './stamp';

/**
 * The sha256 of a batch's canonical content. An amount that is not a safe integer is hashed
 * as text, so that even a malformed amount is part of the content (and of the evidence).
 */
export function batchContentHash(batch: BatchInput): string {
  const lines = batch.lines.map((line) => ({ ...line, ...keptAmount(line.amountFen) }));
  return sha256Hex(canonicalJson({ ...batch, lines }));
}

/** A batchId already used: the same content gets the first result back; other content is refused. */
export function replayOrConflict(stored: DisbursementBatch, contentHash: string): DisbursementBatch {
  if (stored.contentHash !== contentHash) {
    throw new LedgerError('BATCH_CONFLICT', `batch ${stored.batchId} was already posted with different content`, {
      contentHash: stored.contentHash,
    });
  }
  return stored;
}

/** The batch record summing up its lines' outcomes. */
export function batchRecord(batch: BatchInput, contentHash: string, lines: DisbursementLine[], stamp: Stamp): DisbursementBatch {
  const results: LineResult[] = lines.map((line) => ({
    lineId: line.lineId,
    status: line.status === 'POSTED' ? 'POSTED' : 'REJECTED',
    reasonCode: line.reasonCode,
  }));
  const posted = lines.filter((line) => line.status === 'POSTED');
  const rejected = lines.filter((line) => line.status !== 'POSTED');
  const rejectionsByReason: Partial<Record<LineRejectionCode, number>> = {};
  for (const line of rejected) {
    const code = line.reasonCode as LineRejectionCode;
    rejectionsByReason[code] = (rejectionsByReason[code] ?? 0) + 1;
  }
  const total = (some: DisbursementLine[]) => some.reduce((sum, line) => sum + (validAmount(line.amountFen ?? 0) ?? 0), 0);
  return {
    batchId: batch.batchId,
    programmeId: batch.programmeId,
    period: batch.period,
    contentHash,
    lineCount: lines.length,
    postedCount: posted.length,
    rejectedCount: rejected.length,
    postedTotalFen: total(posted),
    rejectedTotalFen: total(rejected),
    rejectionsByReason,
    results,
    postedAt: stamp.now,
    postedByMsp: stamp.msp,
    txId: stamp.txId,
  };
}

/** A batch line with the batch's programme and period. */
export function batchLines(batch: BatchInput): SubmittedLine[] {
  return batch.lines.map((line) => ({ ...line, programmeId: batch.programmeId, period: batch.period }));
}

/**
 * Checks every line in order. A line accepted earlier in the batch counts as paid for the
 * lines after it (DUPLICATE, AMOUNT_EXCEEDS_STANDARD), exactly as if it were already in the ledger.
 */
export function checkBatch(
  lines: SubmittedLine[],
  factsOf: (line: SubmittedLine) => LineFacts,
): { decisions: LineDecision[]; paid: PaidPeriod[] } {
  const paidSoFar = new Map<string, PaidPeriod>();
  const decisions = lines.map((line) => {
    const facts = factsOf(line);
    const paid = paidSoFar.get(line.subjectRef) ?? facts.paid;
    const decision = checkLine(line, { ...facts, paid });
    if (decision.accepted) {
      paidSoFar.set(line.subjectRef, withPostedLine(paid, { lineId: line.lineId, kind: line.kind, amountFen: decision.amountFen }));
    }
    return decision;
  });
  return { decisions, paid: [...paidSoFar.values()] };
}

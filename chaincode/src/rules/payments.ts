/**
 * What has been paid to one subject under one programme for one period: the running figure
 * the DUPLICATE and AMOUNT_EXCEEDS_STANDARD checks and the death registry read. Only lines
 * that moved money (POSTED or SETTLED) count; a RETURNED line gives its amount back.
 */
export interface PaidPeriod {
  subjectRef: string;
  programmeId: string;
  period: string;
  /** The POSTED/SETTLED REGULAR line for the period, if any. */
  regularLineId: string | null;
  paidFen: number;
  /** Every POSTED/SETTLED line of the period, in posting order. */
  lineIds: string[];
}

export function emptyPaidPeriod(subjectRef: string, programmeId: string, period: string): PaidPeriod {
  return { subjectRef, programmeId, period, regularLineId: null, paidFen: 0, lineIds: [] };
}

export function withPostedLine(
  paid: PaidPeriod,
  line: { lineId: string; kind: 'REGULAR' | 'SUPPLEMENT'; amountFen: number },
): PaidPeriod {
  return {
    ...paid,
    regularLineId: line.kind === 'REGULAR' ? line.lineId : paid.regularLineId,
    paidFen: paid.paidFen + line.amountFen,
    lineIds: [...paid.lineIds, line.lineId],
  };
}

export function withReturnedLine(paid: PaidPeriod, line: { lineId: string; amountFen: number }): PaidPeriod {
  return {
    ...paid,
    regularLineId: paid.regularLineId === line.lineId ? null : paid.regularLineId,
    paidFen: paid.paidFen - line.amountFen,
    lineIds: paid.lineIds.filter((lineId) => lineId !== line.lineId),
  };
}

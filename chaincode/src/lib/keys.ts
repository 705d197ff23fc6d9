/**
 * The composite-key parts of the facts a payment line reads, laid out for batches: a batch is
 * one programme and one period, so its subjects' facts are next to each other (range reads).
 * Shared by the chaincode and the verifier, which looks the same keys up in a read set.
 */

/** A subject's eligibility for a programme. */
export function eligibilityKey(subjectRef: string, programmeId: string): string[] {
  return [programmeId, subjectRef];
}

/** What was paid to a subject under a programme for a period. */
export function paidPeriodKey(subjectRef: string, programmeId: string, period: string): string[] {
  return [programmeId, period, subjectRef];
}

/**
 * That a subject has (or had) an eligibility for a programme: written once, by the grant that
 * creates the eligibility, so that a subject's programmes are one short range read (the death
 * registry) while eligibility itself is keyed programme first.
 */
export interface SubjectProgramme {
  subjectRef: string;
  programmeId: string;
}

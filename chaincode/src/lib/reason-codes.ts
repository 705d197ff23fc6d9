/**
 * Every reason and error code the ledger can answer with, defined once.
 * The gateway maps `kind` to an HTTP status (STATUS_BY_KIND); it never re-spells a code.
 */
export type ReasonKind = 'validation' | 'forbidden' | 'not-found' | 'conflict' | 'rule';

interface ReasonDefinition {
  readonly kind: ReasonKind;
  readonly summary: string;
}

export const REASON_CODES = {
  // Disbursement line checks, in the order they are applied (SPEC §4).
  UNKNOWN_PROGRAM: { kind: 'rule', summary: 'the programme does not exist' },
  INVALID_AMOUNT: { kind: 'rule', summary: 'the amount is not a positive safe integer number of fen' },
  NOT_ELIGIBLE: { kind: 'rule', summary: 'no ACTIVE eligibility covers the period' },
  DECEASED: { kind: 'rule', summary: 'the subject died before the period (or is recorded as deceased)' },
  DUPLICATE: { kind: 'rule', summary: 'a REGULAR payment for this subject, programme and period already exists' },
  AMOUNT_EXCEEDS_STANDARD: { kind: 'rule', summary: "the period total would exceed the programme's monthly cap" },
  // Eligibility rules.
  CHECKS_FAILED: { kind: 'rule', summary: 'a grant cannot rest on a check that FAILED' },
  // Access-event anchors.
  UNKNOWN_ACCESSOR: { kind: 'rule', summary: 'the accessor is not an ACTIVE system of the submitting organisation' },
  MERKLE_ROOT_MISMATCH: { kind: 'validation', summary: 'the Merkle root does not match the events' },
  // State conflicts.
  BATCH_CONFLICT: { kind: 'conflict', summary: 'the batchId already holds different content' },
  EVENT_ID_TAKEN: { kind: 'conflict', summary: 'the eventId is already anchored, with other content or by another system' },
  LINE_CONFLICT: { kind: 'conflict', summary: 'the lineId already holds different content' },
  DEATH_CONFLICT: { kind: 'conflict', summary: 'a death with a different date is already recorded' },
  INVALID_TRANSITION: { kind: 'conflict', summary: 'the record is not in a state that allows this change' },
  ALREADY_EXISTS: { kind: 'conflict', summary: 'a record with this id already exists' },
  // Generic.
  NOT_FOUND: { kind: 'not-found', summary: 'no such record' },
  FORBIDDEN: { kind: 'forbidden', summary: 'the caller may not do this' },
  VALIDATION: { kind: 'validation', summary: 'the input is malformed' },
} as const satisfies Record<string, ReasonDefinition>;

export type ReasonCode = keyof typeof REASON_CODES;

/** Reason codes a disbursement line can be rejected with, in the order the checks run. */
export const LINE_REJECTION_CODES = [
  'UNKNOWN_PROGRAM',
  'INVALID_AMOUNT',
  'NOT_ELIGIBLE',
  'DECEASED',
  'DUPLICATE',
  'AMOUNT_EXCEEDS_STANDARD',
] as const satisfies readonly ReasonCode[];
export type LineRejectionCode = (typeof LINE_REJECTION_CODES)[number];

export const STATUS_BY_KIND: Readonly<Record<ReasonKind, number>> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
};

export function isReasonCode(value: string): value is ReasonCode {
  return Object.prototype.hasOwnProperty.call(REASON_CODES, value);
}

export function reasonKind(code: ReasonCode): ReasonKind {
  return REASON_CODES[code].kind;
}

/**
 * The records the ledger keeps, with their field names, shared with the gateway and the
 * verifier. Money is integer fen; periods are YYYY-MM; dates YYYY-MM-DD (Asia/Shanghai);
 * times are ISO-8601 UTC strings taken from the transaction timestamp.
 */
import type { LineRejectionCode } from './reason-codes';

/** The consortium's organisations (MSP ids). */
export const ORGS = {
  CIVIL_AFFAIRS: 'CivilAffairsMSP',
  FINANCE: 'FinanceMSP',
  AUDIT: 'AuditMSP',
} as const;
export type OrgMsp = (typeof ORGS)[keyof typeof ORGS];
export const MEMBER_ORGS: readonly string[] = Object.values(ORGS);

export const RECORD_KINDS = [
  'Programme',
  'Eligibility',
  'Death',
  'DisbursementLine',
  'DisbursementBatch',
  'Overpayment',
  'SystemRecord',
  'AccessBatch',
  'AccessEvent',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface Programme {
  id: string;
  nameEn: string;
  nameZh: string;
  monthlyCapFen: number;
  ownerMsp: string;
  createdAt: string;
  updatedAt: string;
  txId: string;
}

export const ELIGIBILITY_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];

export const ELIGIBILITY_ACTIONS = ['GRANT', 'SUSPEND', 'REINSTATE', 'REVOKE', 'TRANSFER_DISTRICT'] as const;
export type EligibilityAction = (typeof ELIGIBILITY_ACTIONS)[number];

export const CHECK_KINDS = ['IDENTITY', 'DISABILITY_LEVEL', 'ECONOMIC_STATUS', 'RESIDENCE'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_RESULTS = ['PASS', 'FAIL'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** The suspension reason the death registry writes. */
export const DECEASED_REASON = 'DECEASED';

export interface Evidence {
  kind: string;
  sha256: string;
}

export interface CheckPerformed {
  check: CheckKind;
  result: CheckResult;
  sourceSystem: string;
}

export interface Eligibility {
  subjectRef: string;
  programmeId: string;
  status: EligibilityStatus;
  validFrom: string;
  validTo: string | null;
  districtCode: string;
  decisionRef: string;
  evidence: Evidence[];
  checks: CheckPerformed[];
  /** Why it is SUSPENDED or REVOKED (e.g. DECEASED); null when ACTIVE. */
  reason: string | null;
  lastAction: EligibilityAction;
  grantedAt: string;
  updatedAt: string;
  updatedByMsp: string;
  txId: string;
}

export interface Death {
  subjectRef: string;
  dateOfDeath: string;
  source: string;
  recordedAt: string;
  recordedByMsp: string;
  txId: string;
}

export const LINE_KINDS = ['REGULAR', 'SUPPLEMENT'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const LINE_STATUSES = ['POSTED', 'REJECTED', 'SETTLED', 'RETURNED'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export const SETTLEMENT_OUTCOMES = ['SETTLED', 'RETURNED'] as const;
export type SettlementOutcome = (typeof SETTLEMENT_OUTCOMES)[number];

export interface Settlement {
  outcome: SettlementOutcome;
  bankRef: string;
  date: string;
  recordedAt: string;
  txId: string;
}

export interface DisbursementLine {
  lineId: string;
  /** null for a line posted on its own (PostDisbursement). */
  batchId: string | null;
  programmeId: string;
  period: string;
  subjectRef: string;
  /** null only on a line rejected INVALID_AMOUNT whose amount was not an integer; see submittedAmount. */
  amountFen: number | null;
  /** What was submitted, as text, when it could not be kept as amountFen. */
  submittedAmount?: string;
  accountRef: string;
  kind: LineKind;
  status: LineStatus;
  /** The one reason a REJECTED line was refused; null otherwise. */
  reasonCode: LineRejectionCode | null;
  postedAt: string;
  postedByMsp: string;
  txId: string;
  settlement: Settlement | null;
}

export interface LineResult {
  lineId: string;
  status: 'POSTED' | 'REJECTED';
  reasonCode: LineRejectionCode | null;
}

export interface DisbursementBatch {
  batchId: string;
  programmeId: string;
  period: string;
  /** sha256 hex of the canonical JSON of the batch as submitted. */
  contentHash: string;
  lineCount: number;
  postedCount: number;
  rejectedCount: number;
  postedTotalFen: number;
  /** Sum of the rejected lines' positive integer amounts. */
  rejectedTotalFen: number;
  rejectionsByReason: Partial<Record<LineRejectionCode, number>>;
  /** The outcome of every line at posting time, in submission order. */
  results: LineResult[];
  postedAt: string;
  postedByMsp: string;
  txId: string;
}

export const OVERPAYMENT_STATUSES = ['OPEN', 'RECOVERED'] as const;
export type OverpaymentStatus = (typeof OVERPAYMENT_STATUSES)[number];

export interface Overpayment {
  /** One overpayment per line: the line's id. */
  lineId: string;
  subjectRef: string;
  programmeId: string;
  period: string;
  amountFen: number;
  reason: typeof DECEASED_REASON;
  dateOfDeath: string;
  status: OverpaymentStatus;
  flaggedAt: string;
  flaggedTxId: string;
  recovery: { ref: string; date: string; recordedAt: string; txId: string } | null;
}

export const SYSTEM_ROLES = ['finance', 'civil-affairs', 'access-log', 'auditor', 'inspector', 'admin'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

/** Which organisations a system holding a role may belong to (SPEC §2); undefined = any member org. */
export const ROLE_ORGS: Readonly<Partial<Record<SystemRole, readonly string[]>>> = {
  finance: [ORGS.FINANCE],
  'civil-affairs': [ORGS.CIVIL_AFFAIRS],
  auditor: [ORGS.AUDIT],
  inspector: [ORGS.AUDIT, ORGS.CIVIL_AFFAIRS],
};

/** REVOKED (a compromised system) returns to ACTIVE only by an admin's recorded reinstatement; RETIRED is final. */
export const SYSTEM_STATUSES = ['ACTIVE', 'REVOKED', 'RETIRED'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

export interface SystemRecord {
  systemId: string;
  name: string;
  org: string;
  roles: SystemRole[];
  status: SystemStatus;
  /** sha256 hex of the system's certificate (DER), when known. */
  certFingerprint: string | null;
  registeredAt: string;
  updatedAt: string;
  /** The admin identity (X.509 subject/issuer) that last changed the record. */
  updatedBy: string;
  txId: string;
}

export const ACCESS_PURPOSES = [
  'ELIGIBILITY_REVIEW',
  'DISBURSEMENT_VERIFICATION',
  'DEATH_VERIFICATION',
  'CASE_HANDLING',
  'SERVICE_DELIVERY',
  'AUDIT',
  'INSPECTION',
  'STATISTICS',
  'MINISTRY_REPORTING',
] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

/** One read of personal data. Not stored in state: it travels in the anchoring transaction. */
export interface AccessEvent {
  eventId: string;
  accessorSystemId: string;
  subjectRef: string;
  datasetCode: string;
  fields: string[];
  purpose: AccessPurpose;
  legalBasis: string;
  accessedAt: string;
  resultCount: number;
}

export interface AccessBatch {
  batchId: string;
  /** RFC 6962 root (hex) over canonicalJson(event) of every event, in submission order. */
  root: string;
  count: number;
  firstAccessedAt: string;
  lastAccessedAt: string;
  anchoredBy: string;
  anchoredAt: string;
  txId: string;
}

/**
 * An access event as announced in its anchoring transaction's chaincode event (not stored in
 * state): the event plus where it sits in the batch, so listeners can index it and proofs can
 * find its Merkle leaf.
 */
/**
 * Where an eventId was first anchored: kept in state under the eventId, so that the id stays
 * unique on the chain. `leafHash` (RFC 6962 leaf hash, hex) tells a repeat of the same event from
 * other content under the same id.
 */
export interface AccessEventAnchor {
  eventId: string;
  accessorSystemId: string;
  leafHash: string;
  batchId: string;
  leafIndex: number;
  txId: string;
}

export interface AnchoredAccessEvent extends AccessEvent {
  batchId: string;
  leafIndex: number;
}

export interface RecordByKind {
  Programme: Programme;
  Eligibility: Eligibility;
  Death: Death;
  DisbursementLine: DisbursementLine;
  DisbursementBatch: DisbursementBatch;
  Overpayment: Overpayment;
  SystemRecord: SystemRecord;
  AccessBatch: AccessBatch;
  AccessEvent: AnchoredAccessEvent;
}

export type LedgerChange = {
  [K in RecordKind]: { kind: K; key: string; record: RecordByKind[K] };
}[RecordKind];

/** The payload of the one chaincode event ('welfare') a state-changing transaction emits. */
export interface LedgerEvent {
  txId: string;
  changes: LedgerChange[];
}

export const LEDGER_EVENT_NAME = 'welfare';

/** The natural key of a record, as it appears in LedgerChange.key. */
export function recordKey<K extends RecordKind>(kind: K, record: RecordByKind[K]): string {
  const r = record as RecordByKind[RecordKind];
  switch (kind) {
    case 'Programme':
      return (r as Programme).id;
    case 'Eligibility':
      return `${(r as Eligibility).subjectRef}:${(r as Eligibility).programmeId}`;
    case 'Death':
      return (r as Death).subjectRef;
    case 'DisbursementLine':
    case 'Overpayment':
      return (r as DisbursementLine | Overpayment).lineId;
    case 'DisbursementBatch':
    case 'AccessBatch':
      return (r as DisbursementBatch | AccessBatch).batchId;
    case 'AccessEvent':
      return (r as AnchoredAccessEvent).eventId;
    default:
      return (r as SystemRecord).systemId;
  }
}

/** One entry of a key's history (eligibility, programme). */
export interface HistoryEntry<T> {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  record: T | null;
}

export interface HistoryPage<T> {
  entries: HistoryEntry<T>[];
  /** Pass back to get the next page; '' when there is none. */
  bookmark: string;
}

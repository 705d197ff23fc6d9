/**
 * What the chaincode keeps in world state: for each table, its composite-key object type,
 * how a record's key parts are derived, and the record kind announced in the chaincode event
 * (internal tables announce nothing).
 */
import type {
  AccessBatch,
  AccessEventAnchor,
  Death,
  DisbursementBatch,
  DisbursementLine,
  Eligibility,
  Overpayment,
  Programme,
  RecordKind,
  SystemRecord,
} from '../lib/records';
import type { PaidPeriod } from '../rules/payments';

export interface Tables {
  programme: Programme;
  eligibility: Eligibility;
  death: Death;
  line: DisbursementLine;
  batch: DisbursementBatch;
  paidPeriod: PaidPeriod;
  overpayment: Overpayment;
  system: SystemRecord;
  accessBatch: AccessBatch;
  accessEvent: AccessEventAnchor;
}
export type Table = keyof Tables;

interface TableDefinition<T> {
  keyParts: (record: T) => string[];
  kind: RecordKind | null;
}

export const TABLES: { [T in Table]: TableDefinition<Tables[T]> } = {
  programme: { keyParts: (p) => [p.id], kind: 'Programme' },
  // subject first, so that all of a subject's eligibilities are one partial-key query.
  eligibility: { keyParts: (e) => [e.subjectRef, e.programmeId], kind: 'Eligibility' },
  death: { keyParts: (d) => [d.subjectRef], kind: 'Death' },
  line: { keyParts: (l) => [l.lineId], kind: 'DisbursementLine' },
  batch: { keyParts: (b) => [b.batchId], kind: 'DisbursementBatch' },
  // subject first, so that the death registry finds every period paid to the subject.
  paidPeriod: { keyParts: (p) => [p.subjectRef, p.programmeId, p.period], kind: null },
  // subject first, so that a subject's overpayments are one partial-key query.
  overpayment: { keyParts: (o) => [o.subjectRef, o.lineId], kind: 'Overpayment' },
  system: { keyParts: (s) => [s.systemId], kind: 'SystemRecord' },
  accessBatch: { keyParts: (a) => [a.batchId], kind: 'AccessBatch' },
  // One key per anchored eventId: the event itself travels only in its transaction.
  accessEvent: { keyParts: (a) => [a.eventId], kind: null },
};

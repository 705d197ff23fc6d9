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
import { eligibilityKey, paidPeriodKey, type SubjectProgramme } from '../lib/keys';

export { eligibilityKey, paidPeriodKey };

export interface Tables {
  programme: Programme;
  eligibility: Eligibility;
  subjectProgramme: SubjectProgramme;
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
  // programme first, so that a batch's subjects are contiguous: one range read per chunk of them.
  eligibility: { keyParts: (e) => eligibilityKey(e.subjectRef, e.programmeId), kind: 'Eligibility' },
  // subject first: a subject's programmes are one partial-key query (written once per grant of a new eligibility).
  subjectProgramme: { keyParts: (s) => [s.subjectRef, s.programmeId], kind: null },
  death: { keyParts: (d) => [d.subjectRef], kind: 'Death' },
  line: { keyParts: (l) => [l.lineId], kind: 'DisbursementLine' },
  batch: { keyParts: (b) => [b.batchId], kind: 'DisbursementBatch' },
  // programme and period first, as a batch is: its subjects' payments are one range read per chunk.
  paidPeriod: { keyParts: (p) => paidPeriodKey(p.subjectRef, p.programmeId, p.period), kind: null },
  // subject first, so that a subject's overpayments are one partial-key query.
  overpayment: { keyParts: (o) => [o.subjectRef, o.lineId], kind: 'Overpayment' },
  system: { keyParts: (s) => [s.systemId], kind: 'SystemRecord' },
  accessBatch: { keyParts: (a) => [a.batchId], kind: 'AccessBatch' },
  // One key per anchored eventId: the event itself travels only in its transaction.
  accessEvent: { keyParts: (a) => [a.eventId], kind: null },
};

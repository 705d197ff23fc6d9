/**
 * The index's read API: pure, synchronous reads over the index database. Every item names its
 * transaction (txId, blockNumber); orderings follow the chain, never insertion, so a rebuilt
 * index answers byte for byte the same.
 */
export { anomalies, openOverpayments, rejectedLines } from './anomalies';
export type { Anomalies, AnomalyFilter, RejectionGroup } from './anomalies';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './cursor';
export type { Page, PageRequest } from './cursor';
export { beneficiaryHistory } from './history';
export type { HistoryEntry, HistoryKind } from './history';
export {
  accessBatch,
  accessEvent,
  accessEventsOfBatch,
  batch,
  death,
  eligibilityOf,
  line,
  overpayment,
  programme,
  programmes,
  system,
  systems,
  transaction,
} from './lookups';
export type { TransactionPlace } from './lookups';
export { asOf } from './position';
export type { AsOf } from './position';
export { summaries } from './summaries';
export type { LineTotals, SummaryFilter, SummaryGroup, Summaries, Tally } from './summaries';
export type * from './views';

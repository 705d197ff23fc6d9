/**
 * What the index is fed: the valid transactions of a block, each with the ledger event its
 * chaincode emitted (if any). Positions (block number, transaction index in the block, change
 * index in the event) order everything the index answers, so a rebuild orders it the same way.
 */
import type { AccessEvent, LedgerChange, LedgerEvent } from '@welfare-ledger/chaincode/lib';

/** An access event as announced when its batch is anchored: its leaf position travels with it. */
export interface AnchoredAccessEvent extends AccessEvent {
  batchId: string;
  /** 0-based position of the event's leaf in the batch's Merkle tree. */
  leafIndex: number;
}

export type AccessEventChange = { kind: 'AccessEvent'; key: string; record: AnchoredAccessEvent };

/** A change the index understands; the chaincode may announce AccessEvent changes before its RecordKind lists them. */
export type IndexedChange = LedgerChange | AccessEventChange;

/** One transaction's ledger event at its place on the chain. */
export interface PlacedEvent {
  blockNumber: number;
  txId: string;
  /** Position of the transaction in its block; defaults to the order events of that block were applied. */
  txIndex?: number;
  event: LedgerEvent | { txId: string; changes: IndexedChange[] };
}

/** A VALID transaction of a block; `event` is null when it announced nothing (a retry, a bench write). */
export interface ChainTransaction {
  txId: string;
  txIndex: number;
  event: PlacedEvent['event'] | null;
}

export interface ChainBlock {
  blockNumber: number;
  transactions: ChainTransaction[];
}

/**
 * What the index is fed: the valid transactions of a block, each with the ledger event its
 * chaincode emitted (if any). Positions (block number, transaction index in the block, change
 * index in the event) order everything the index answers, so a rebuild orders it the same way.
 */
import type { LedgerEvent } from '@welfare-ledger/chaincode/lib';

/** One transaction's ledger event at its place on the chain. */
export interface PlacedEvent {
  blockNumber: number;
  txId: string;
  /** Position of the transaction in its block; defaults to the order events of that block were applied. */
  txIndex?: number;
  event: LedgerEvent;
}

/** A VALID transaction of a block; `event` is null when it announced nothing (a retry, a bench write). */
export interface ChainTransaction {
  txId: string;
  txIndex: number;
  event: LedgerEvent | null;
}

export interface ChainBlock {
  blockNumber: number;
  transactions: ChainTransaction[];
}

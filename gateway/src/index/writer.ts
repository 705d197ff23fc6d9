/**
 * Applies the chain to the index. A block's rows and its checkpoint commit in one SQLite
 * transaction (a single event's rows and the checkpoint in one of their own), and anything at or
 * before the checkpoint is skipped: reading a block twice, after a restart or a
 * reconnect, leaves the index as it was.
 */
import type { ChainBlock, ChainTransaction, PlacedEvent } from './chain-events';
import { type Checkpoint, readCheckpoint, writeCheckpoint } from './checkpoint';
import { writeChange } from './rows';
import { type IndexDb, statement } from './sqlite';

/** Applies one transaction's ledger event; false when the index already had it. */
export function applyEvent(db: IndexDb, placed: PlacedEvent): boolean {
  return db.transaction(() => {
    if (isApplied(db, readCheckpoint(db), placed.blockNumber, placed.txId)) return false;
    insertTransaction(db, placed.blockNumber, { ...placed, txIndex: placed.txIndex ?? nextTxIndex(db, placed.blockNumber) });
    writeCheckpoint(db, { blockNumber: placed.blockNumber, txId: placed.txId, blockComplete: false });
    return true;
  })();
}

/**
 * Applies every VALID transaction of a block, then marks the block complete; returns the events
 * applied. The checkpoint is read and written once per block: the block's rows and its
 * checkpoint commit together or not at all.
 */
export function applyBlock(db: IndexDb, block: ChainBlock): number {
  return db.transaction(() => {
    const checkpoint = readCheckpoint(db);
    if (checkpoint && isBlockComplete(checkpoint, block.blockNumber)) return 0;
    let lastTxId = checkpoint && checkpoint.blockNumber === block.blockNumber ? checkpoint.txId : null;
    let applied = 0;
    for (const transaction of block.transactions) {
      if (isApplied(db, checkpoint, block.blockNumber, transaction.txId)) continue;
      insertTransaction(db, block.blockNumber, transaction);
      lastTxId = transaction.txId;
      if (transaction.event) applied += 1;
    }
    writeCheckpoint(db, { blockNumber: block.blockNumber, txId: lastTxId, blockComplete: true });
    return applied;
  })();
}

function isBlockComplete(checkpoint: Checkpoint, blockNumber: number): boolean {
  return blockNumber < checkpoint.blockNumber || (blockNumber === checkpoint.blockNumber && checkpoint.blockComplete);
}

function isApplied(db: IndexDb, checkpoint: Checkpoint | null, blockNumber: number, txId: string): boolean {
  if (checkpoint && isBlockComplete(checkpoint, blockNumber)) return true;
  return statement(db, 'SELECT 1 FROM transactions WHERE tx_id = ?').get(txId) !== undefined;
}

/** Where a transaction without a known position goes: after those of its block already applied. */
function nextTxIndex(db: IndexDb, blockNumber: number): number {
  const row = statement(db, 'SELECT MAX(tx_index) AS last FROM transactions WHERE block_number = ?').get(blockNumber) as { last: number | null };
  return row.last === null ? 0 : row.last + 1;
}

function insertTransaction(db: IndexDb, blockNumber: number, transaction: ChainTransaction): void {
  const { txId, txIndex, event } = transaction;
  const changes = event?.changes ?? [];
  statement(db, 'INSERT INTO transactions (tx_id, block_number, tx_index, change_count) VALUES (?, ?, ?, ?)').run(
    txId,
    blockNumber,
    txIndex,
    changes.length,
  );
  changes.forEach((change, changeIndex) => writeChange(db, { txId, blockNumber, txIndex, changeIndex }, change));
}

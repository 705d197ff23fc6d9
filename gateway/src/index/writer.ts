/**
 * Applies the chain to the index. Each transaction's rows and the checkpoint commit in one
 * SQLite transaction (a block's transactions and its completion in one more around them), and
 * anything at or before the checkpoint is skipped: reading a block twice, after a restart or a
 * reconnect, leaves the index as it was.
 */
import type { ChainBlock, ChainTransaction, PlacedEvent } from './chain-events';
import { type Checkpoint, readCheckpoint, writeCheckpoint } from './checkpoint';
import { writeChange } from './rows';
import { type IndexDb, statement } from './sqlite';

/** Applies one transaction's ledger event; false when the index already had it. */
export function applyEvent(db: IndexDb, placed: PlacedEvent): boolean {
  return db.transaction(() => applyTransaction(db, placed.blockNumber, placed))();
}

/** Applies every VALID transaction of a block, then marks the block complete; returns the events applied. */
export function applyBlock(db: IndexDb, block: ChainBlock): number {
  return db.transaction(() => {
    const checkpoint = readCheckpoint(db);
    if (checkpoint && isBlockComplete(checkpoint, block.blockNumber)) return 0;
    let applied = 0;
    for (const transaction of block.transactions) {
      if (applyTransaction(db, block.blockNumber, transaction) && transaction.event) applied += 1;
    }
    const last = readCheckpoint(db);
    const txId = last && last.blockNumber === block.blockNumber ? last.txId : null;
    writeCheckpoint(db, { blockNumber: block.blockNumber, txId, blockComplete: true });
    return applied;
  })();
}

function isBlockComplete(checkpoint: Checkpoint, blockNumber: number): boolean {
  return blockNumber < checkpoint.blockNumber || (blockNumber === checkpoint.blockNumber && checkpoint.blockComplete);
}

function isApplied(db: IndexDb, blockNumber: number, txId: string): boolean {
  const checkpoint = readCheckpoint(db);
  if (checkpoint && isBlockComplete(checkpoint, blockNumber)) return true;
  return statement(db, 'SELECT 1 FROM transactions WHERE tx_id = ?').get(txId) !== undefined;
}

/** Where a transaction without a known position goes: after those of its block already applied. */
function nextTxIndex(db: IndexDb, blockNumber: number): number {
  const row = statement(db, 'SELECT MAX(tx_index) AS last FROM transactions WHERE block_number = ?').get(blockNumber) as { last: number | null };
  return row.last === null ? 0 : row.last + 1;
}

function applyTransaction(db: IndexDb, blockNumber: number, transaction: Omit<ChainTransaction, 'txIndex'> & { txIndex?: number }): boolean {
  const { txId, event } = transaction;
  if (isApplied(db, blockNumber, txId)) return false;
  const txIndex = transaction.txIndex ?? nextTxIndex(db, blockNumber);
  const changes = event?.changes ?? [];
  statement(db, 'INSERT INTO transactions (tx_id, block_number, tx_index, change_count) VALUES (?, ?, ?, ?)').run(
    txId,
    blockNumber,
    txIndex,
    changes.length,
  );
  changes.forEach((change, changeIndex) => writeChange(db, { txId, blockNumber, txIndex, changeIndex }, change));
  writeCheckpoint(db, { blockNumber, txId, blockComplete: false });
  return true;
}

/**
 * How far the index has read the chain. Written in the same SQLite transaction as the rows it
 * covers, so after a crash the index holds exactly the transactions its checkpoint names.
 */
import { type IndexDb, statement } from './sqlite';

export interface Checkpoint {
  /** The last block read, wholly or in part. */
  blockNumber: number;
  /** The last transaction applied in that block (null when none of its transactions was). */
  txId: string | null;
  /** True once every transaction of `blockNumber` is applied. */
  blockComplete: boolean;
}

interface CheckpointRow {
  block_number: number;
  tx_id: string | null;
  block_complete: number;
}

export function readCheckpoint(db: IndexDb): Checkpoint | null {
  const row = statement(db, 'SELECT block_number, tx_id, block_complete FROM checkpoint WHERE id = 1').get() as CheckpointRow | undefined;
  return row ? { blockNumber: row.block_number, txId: row.tx_id, blockComplete: row.block_complete === 1 } : null;
}

export function writeCheckpoint(db: IndexDb, checkpoint: Checkpoint): void {
  statement(
    db,
    `INSERT INTO checkpoint (id, block_number, tx_id, block_complete) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, tx_id = excluded.tx_id,
       block_complete = excluded.block_complete`,
  ).run(checkpoint.blockNumber, checkpoint.txId, checkpoint.blockComplete ? 1 : 0);
}

/** The block to ask the chain for next: after a complete block, or the same one to finish it. */
export function resumeBlock(checkpoint: Checkpoint | null): number {
  if (!checkpoint) return 0;
  return checkpoint.blockComplete ? checkpoint.blockNumber + 1 : checkpoint.blockNumber;
}

/** The last block wholly in the index (-1 when none is). */
export function lastCompleteBlock(checkpoint: Checkpoint | null): number {
  if (!checkpoint) return -1;
  return checkpoint.blockComplete ? checkpoint.blockNumber : checkpoint.blockNumber - 1;
}

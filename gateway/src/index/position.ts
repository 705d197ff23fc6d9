/** The point of the chain an answer describes: everything up to and including this block. */
import { lastCompleteBlock, readCheckpoint } from './checkpoint';
import type { IndexDb } from './sqlite';

export interface AsOf {
  /** The last block wholly in the index (-1 when empty). */
  blockNumber: number;
}

export function asOf(db: IndexDb): AsOf {
  return { blockNumber: lastCompleteBlock(readCheckpoint(db)) };
}

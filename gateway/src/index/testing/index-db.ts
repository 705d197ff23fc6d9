/** Test helper: fresh in-memory indexes, filled from synthetic blocks, and a dump of every table. */
import type { ChainBlock } from '../chain-events';
import { openIndex } from '../schema';
import type { IndexDb } from '../sqlite';
import { applyBlock } from '../writer';

export function memoryIndex(blocks: ChainBlock[] = []): IndexDb {
  const db = openIndex(':memory:');
  for (const block of blocks) applyBlock(db, block);
  return db;
}

/** Every row of every table, in primary-key order. */
export function dumpIndex(db: IndexDb): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM ${name} ORDER BY 1, 2`).all()]));
}

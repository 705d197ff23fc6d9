/**
 * Rebuilds the index from block 0: a fresh database beside the old one (`<file>.rebuild`) is
 * filled until it holds every block the chain had when the rebuild began (qscc GetChainInfo:
 * height H means blocks 0..H-1), then renamed over the old file. The old index stays usable
 * until the rename, and a failed rebuild leaves it untouched. Run it with the gateway stopped:
 * the gateway's follower then reads on from the new checkpoint.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { ChainSource } from './chain-reader';
import { type FollowerLog, IndexFollower } from './follower';
import { openIndex } from './schema';

export interface RebuildSummary {
  /** Blocks read (0..chainHeight-1). */
  blocks: number;
  /** Ledger events applied. */
  events: number;
  seconds: number;
}

export interface RebuildOptions {
  log?: FollowerLog;
  /** Give up when no block arrives for this long (the peer is down, or the identity may not read blocks). */
  stallMs?: number;
}

export async function rebuildIndex(file: string, source: ChainSource, options: RebuildOptions = {}): Promise<RebuildSummary> {
  const started = performance.now();
  const fresh = `${file}.rebuild`;
  removeDatabase(fresh);
  const height = await source.chainHeight();
  const db = openIndex(fresh);
  const follower = new IndexFollower(db, source, { log: options.log }).start();
  try {
    await untilCaughtUp(follower, height - 1, options.stallMs ?? 60_000);
  } finally {
    await follower.close();
    db.close();
  }
  // A stale WAL beside the old file would be replayed into the new one: remove it first.
  removeDatabase(file);
  renameSync(fresh, file);
  return { blocks: follower.lastBlock + 1, events: follower.eventsApplied, seconds: (performance.now() - started) / 1000 };
}

async function untilCaughtUp(follower: IndexFollower, lastBlock: number, stallMs: number): Promise<void> {
  let seen = follower.lastBlock;
  while (!(await follower.waitFor(lastBlock, stallMs))) {
    if (follower.lastBlock === seen) throw new Error(`no block for ${stallMs} ms at block ${seen + 1} of ${lastBlock + 1}`);
    seen = follower.lastBlock;
  }
}

/** Removes a SQLite database with its WAL and shared-memory files. */
function removeDatabase(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) rmSync(path);
}

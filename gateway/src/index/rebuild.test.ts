import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ChainSource } from './chain-reader';
import * as queries from './queries';
import { rebuildIndex } from './rebuild';
import { openIndex } from './schema';
import type { IndexDb } from './sqlite';
import { memoryIndex } from './testing/index-db';
import { FakeChannel, toProtoBlock } from './testing/proto-blocks';
import { A, B, C, cityScenario, DISABILITY, ELDERLY } from './testing/scenario';
import { applyBlock, applyEvent } from './writer';

/** Every question the API can ask of the index about the scenario, answered as the bytes it would send. */
function everyAnswer(db: IndexDb): string[] {
  const answers: unknown[] = [
    queries.summaries(db),
    queries.summaries(db, { programmeId: ELDERLY, period: '2024-07' }),
    queries.anomalies(db),
    queries.anomalies(db, { programmeId: DISABILITY }),
    queries.rejectedLines(db, { limit: 2 }),
    queries.openOverpayments(db, {}),
    queries.programmes(db),
    queries.systems(db),
    queries.accessBatch(db, 'AB-1'),
    queries.asOf(db),
  ];
  for (const subject of [A, B, C]) {
    let cursor: string | null = null;
    do {
      const page: queries.Page<queries.HistoryEntry> = queries.beneficiaryHistory(db, subject, { limit: 3, cursor });
      answers.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    answers.push(queries.eligibilityOf(db, subject), queries.death(db, subject));
  }
  for (const lineId of ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10', 'L11']) {
    answers.push(queries.line(db, lineId), queries.overpayment(db, lineId));
  }
  for (const batchId of ['B-2024-06', 'B-2024-07', 'D-2024-07', 'B-2024-08']) answers.push(queries.batch(db, batchId));
  for (const eventId of ['AE-1', 'AE-2', 'AE-3']) answers.push(queries.accessEvent(db, eventId));
  return answers.map((answer) => JSON.stringify(answer));
}

function source(channel: FakeChannel, height: number): ChainSource {
  return { network: channel.network, chaincodeName: 'welfare', chainHeight: async () => height };
}

describe('rebuilding the index from the chain', () => {
  const { blocks } = cityScenario();
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'welfare-rebuild-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an index rebuilt from block 0 answers every query byte for byte as the index that followed the chain live', async () => {
    // The live index saw the chain the hard way: event by event for a while, then block by block, some blocks twice.
    const live = memoryIndex(blocks.slice(0, 3));
    for (const tx of blocks[3].transactions) applyEvent(live, { blockNumber: 3, txId: tx.txId, event: tx.event! });
    for (const block of blocks.slice(3)) applyBlock(live, block);
    for (const block of blocks.slice(5, 8)) applyBlock(live, block);

    const channel = new FakeChannel();
    channel.append(...blocks.map(toProtoBlock));
    const file = path.join(dir, 'index.db');
    await rebuildIndex(file, source(channel, blocks.length));
    const rebuilt = openIndex(file);
    try {
      expect(everyAnswer(rebuilt)).toEqual(everyAnswer(live));
    } finally {
      rebuilt.close();
    }
  });

  it('replays up to the chain height it read at the start and reports what it did', async () => {
    const channel = new FakeChannel();
    channel.append(...blocks.map(toProtoBlock));
    const summary = await rebuildIndex(path.join(dir, 'index.db'), source(channel, 6));
    const events = blocks.slice(0, 6).flatMap((b) => b.transactions).filter((tx) => tx.event).length;
    expect(summary).toMatchObject({ blocks: 6, events });
    expect(summary.seconds).toBeGreaterThanOrEqual(0);
    expect(channel.requests).toEqual([0]);
  });

  it('replaces the old index, and its stale write-ahead log, only once the new one is complete', async () => {
    const file = path.join(dir, 'index.db');
    const old = openIndex(file);
    applyBlock(old, blocks[0]);
    old.close();
    writeFileSync(`${file}-wal`, 'stale');
    const channel = new FakeChannel();
    channel.append(...blocks.map(toProtoBlock));
    await rebuildIndex(file, source(channel, blocks.length));
    expect(existsSync(`${file}.rebuild`)).toBe(false);
    const rebuilt = openIndex(file);
    expect(queries.asOf(rebuilt)).toEqual({ blockNumber: blocks.length - 1 });
    rebuilt.close();
  });

  it('a rebuild that cannot read the chain fails and leaves the old index as it was', async () => {
    const file = path.join(dir, 'index.db');
    const old = openIndex(file);
    for (const block of blocks.slice(0, 4)) applyBlock(old, block);
    const before = everyAnswer(old);
    old.close();
    const down: ChainSource = {
      network: { getBlockEvents: async () => Promise.reject(new Error('14 UNAVAILABLE')) },
      chaincodeName: 'welfare',
      chainHeight: async () => blocks.length,
    };
    await expect(rebuildIndex(file, down, { stallMs: 50 })).rejects.toThrow(/no block for 50 ms/);
    const kept = openIndex(file);
    expect(everyAnswer(kept)).toEqual(before);
    kept.close();
  });
});

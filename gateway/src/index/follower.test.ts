import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IndexFollower } from './follower';
import { beneficiaryHistory, summaries } from './queries';
import { openIndex } from './schema';
import type { IndexDb } from './sqlite';
import { dumpIndex, memoryIndex } from './testing/index-db';
import { FakeChannel, protoBlock, toProtoBlock } from './testing/proto-blocks';
import { A, cityScenario } from './testing/scenario';

const FAST_RETRY = { retry: { initialMs: 5, maxMs: 20 } };

function follow(db: IndexDb, channel: FakeChannel): IndexFollower {
  return new IndexFollower(db, { network: channel.network, chaincodeName: 'welfare' }, FAST_RETRY).start();
}

describe('following the chain', () => {
  const { blocks } = cityScenario();
  const lastBlock = blocks.length - 1;
  let followers: IndexFollower[] = [];
  afterEach(async () => {
    await Promise.all(followers.map((f) => f.close()));
    followers = [];
  });
  const started = (db: IndexDb, channel: FakeChannel) => {
    const follower = follow(db, channel);
    followers.push(follower);
    return follower;
  };

  it('applies blocks as they are committed and reports the last block it holds', async () => {
    const channel = new FakeChannel();
    const db = memoryIndex();
    const follower = started(db, channel);
    expect(follower.lastBlock).toBe(-1);
    channel.append(...blocks.map(toProtoBlock));
    expect(await follower.waitFor(lastBlock, 2000)).toBe(true);
    expect(follower.lastBlock).toBe(lastBlock);
    expect(dumpIndex(db)).toEqual(dumpIndex(memoryIndex(blocks)));
    expect(channel.requests).toEqual([0]);
  });

  it('hands each applied block, with its VALID transactions, to an observer; an observer that throws stops nothing', async () => {
    const channel = new FakeChannel();
    const seen: Array<[number, string[]]> = [];
    const follower = new IndexFollower(memoryIndex(), { network: channel.network, chaincodeName: 'welfare' }, {
      ...FAST_RETRY,
      onBlock: (block, read) => {
        seen.push([Number(block.getHeader()!.getNumber()), read.transactions.map((t) => t.txId)]);
        throw new Error('observer broke');
      },
    }).start();
    followers.push(follower);
    channel.append(...blocks.map(toProtoBlock));
    expect(await follower.waitFor(lastBlock, 2000)).toBe(true);
    expect(seen.map(([n]) => n)).toEqual(blocks.map((_, i) => i));
    expect(seen[4][1]).toContain(blocks[4].transactions[0].txId);
    expect(channel.requests).toEqual([0]);
  });

  it('lets a request wait until its transaction or block is in the index', async () => {
    const channel = new FakeChannel();
    const follower = started(memoryIndex(), channel);
    const settlementTx = blocks[4].transactions[0].txId;
    const byTx = follower.waitFor(settlementTx, 2000);
    const byBlock = follower.waitFor(5, 2000);
    channel.append(...blocks.slice(0, 5).map(toProtoBlock));
    expect(await byTx).toBe(true);
    expect(follower.lastBlock).toBe(4);
    channel.append(toProtoBlock(blocks[5]));
    expect(await byBlock).toBe(true);
  });

  it('gives up waiting after the timeout when the chain has not got there', async () => {
    const channel = new FakeChannel();
    const follower = started(memoryIndex(), channel);
    channel.append(toProtoBlock(blocks[0]));
    expect(await follower.waitFor(3, 30)).toBe(false);
    expect(await follower.waitFor('f'.repeat(64), 30)).toBe(false);
  });

  it('after the peer drops the stream it reconnects from the checkpoint with no gap and no duplicate', async () => {
    const channel = new FakeChannel();
    const db = memoryIndex();
    const follower = started(db, channel);
    channel.append(...blocks.slice(0, 4).map(toProtoBlock));
    await follower.waitFor(3, 2000);
    channel.failStreams();
    channel.append(...blocks.slice(4).map(toProtoBlock));
    expect(await follower.waitFor(lastBlock, 2000)).toBe(true);
    expect(channel.requests).toEqual([0, 4]);
    expect(dumpIndex(db)).toEqual(dumpIndex(memoryIndex(blocks)));
  });

  it("when the org's first peer dies, follows its standby peer from the checkpoint: no gap, no duplicate", async () => {
    const peer0 = new FakeChannel();
    const peer1 = new FakeChannel();
    let current = 0;
    const down = { getBlockEvents: async () => { throw new Error('14 UNAVAILABLE: connection refused'); } };
    let peer0Down = false;
    const source = {
      get network() { return current === 0 ? (peer0Down ? down : peer0.network) : peer1.network; },
      chaincodeName: 'welfare',
      failover: () => { current = (current + 1) % 2; return `peer${current}`; },
    };
    const db = memoryIndex();
    const follower = new IndexFollower(db, source, FAST_RETRY).start();
    followers.push(follower);
    peer0.append(...blocks.slice(0, 4).map(toProtoBlock));
    peer1.append(...blocks.slice(0, 4).map(toProtoBlock));
    expect(await follower.waitFor(3, 2000)).toBe(true);

    peer0Down = true;
    peer0.failStreams(new Error('14 UNAVAILABLE: peer killed'));
    peer1.append(...blocks.slice(4).map(toProtoBlock));
    expect(await follower.waitFor(lastBlock, 2000)).toBe(true);
    expect(peer0.requests).toEqual([0]);
    expect(peer1.requests).toEqual([4]);
    expect(dumpIndex(db)).toEqual(dumpIndex(memoryIndex(blocks)));
  });

  it('keeps reconnecting while the peer is down, backing off between tries', async () => {
    const channel = new FakeChannel();
    const failing = {
      getBlockEvents: async (options: { startBlock?: bigint }) => {
        if (channel.requests.length < 3) {
          channel.requests.push(Number(options.startBlock));
          throw new Error('14 UNAVAILABLE: connection refused');
        }
        return channel.network.getBlockEvents(options);
      },
    };
    const follower = new IndexFollower(memoryIndex(), { network: failing, chaincodeName: 'welfare' }, FAST_RETRY).start();
    followers.push(follower);
    channel.append(...blocks.map(toProtoBlock));
    expect(await follower.waitFor(lastBlock, 2000)).toBe(true);
    expect(channel.requests).toEqual([0, 0, 0, 0]);
  });

  it('a restarted gateway resumes after its checkpoint and ends with the same index as one that never stopped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'welfare-index-'));
    try {
      const file = path.join(dir, 'index.db');
      const channel = new FakeChannel();
      channel.append(...blocks.slice(0, 7).map(toProtoBlock));
      const before = openIndex(file);
      const first = follow(before, channel);
      await first.waitFor(6, 2000);
      await first.close();
      before.close();

      channel.append(...blocks.slice(7).map(toProtoBlock));
      const after = openIndex(file);
      const second = started(after, channel);
      expect(second.lastBlock).toBe(6);
      expect(await second.waitFor(lastBlock, 2000)).toBe(true);
      expect(channel.requests).toEqual([0, 7]);
      expect(second.eventsApplied).toBe(blocks.slice(7).flatMap((b) => b.transactions).filter((tx) => tx.event).length);
      expect(dumpIndex(after)).toEqual(dumpIndex(memoryIndex(blocks)));
      await second.close();
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a block it cannot apply is read again after a pause, and nothing after it is applied first', async () => {
    const channel = new FakeChannel();
    const errors: object[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (details: object) => errors.push(details) };
    const db = memoryIndex();
    const follower = new IndexFollower(db, { network: channel.network, chaincodeName: 'welfare' }, { ...FAST_RETRY, log }).start();
    followers.push(follower);
    const broken = protoBlock(3, [{ txId: blocks[3].transactions[0].txId, rawPayload: '{"txId":' }]);
    channel.append(...blocks.slice(0, 3).map(toProtoBlock), broken, ...blocks.slice(4).map(toProtoBlock));
    expect(await follower.waitFor(3, 100)).toBe(false);
    expect(follower.lastBlock).toBe(2);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ blockNumber: 3 });

    channel.blocks[3] = toProtoBlock(blocks[3]);
    expect(await follower.waitFor(lastBlock, 2000)).toBe(true);
    expect(dumpIndex(db)).toEqual(dumpIndex(memoryIndex(blocks)));
  });

  it('closing stops reading, releases the stream and answers pending waits with false', async () => {
    const channel = new FakeChannel();
    const db = memoryIndex();
    const follower = follow(db, channel);
    channel.append(toProtoBlock(blocks[0]));
    await follower.waitFor(0, 2000);
    const pending = follower.waitFor(5, 60_000);
    await follower.close();
    expect(await pending).toBe(false);
    expect(channel.openStreams).toBe(0);
    channel.append(...blocks.slice(1).map(toProtoBlock));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(follower.lastBlock).toBe(0);
    expect(beneficiaryHistory(db, A).items).toEqual([]);
    expect(summaries(db).asOf.blockNumber).toBe(0);
  });
});

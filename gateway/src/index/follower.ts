/**
 * Keeps the index up with the chain: reads blocks from the one after the checkpoint (or the
 * rest of a block left half-applied), applies each as it arrives, and when the stream fails (a
 * peer restart, a network cut) reconnects with exponential backoff from the checkpoint again,
 * through the org's next own peer when the source has one (chain-reader.ts), so a restart, a
 * reconnect or a dead peer leaves no gap and applies nothing twice.
 */
import type { CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import { readBlock } from './block-reader';
import type { ChainBlock } from './chain-events';
import type { ChainSource } from './chain-reader';
import { lastCompleteBlock, readCheckpoint, resumeBlock } from './checkpoint';
import { type IndexDb, statement } from './sqlite';
import { applyBlock } from './writer';

export interface FollowerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface FollowerOptions {
  /** Backoff between reconnects: doubles from initialMs up to maxMs, back to initialMs after a block. */
  retry?: { initialMs: number; maxMs: number };
  log?: FollowerLog;
  /** Each block once applied, with its VALID transactions (the proofs keep recent blocks and headers from it). */
  onBlock?: (block: common.Block, read: ChainBlock) => void;
}

/** A txId (the transaction is in the index) or a block number (the block is wholly in the index). */
export type IndexTarget = string | number | bigint;

interface Waiter {
  target: IndexTarget;
  settle(reached: boolean): void;
}

const SILENT: FollowerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A block the index could not apply: the same block is read again after the backoff. */
class BlockNotApplied extends Error {}

export class IndexFollower {
  private readonly retry: { initialMs: number; maxMs: number };
  private readonly log: FollowerLog;
  private readonly onBlock?: FollowerOptions['onBlock'];
  private readonly waiters = new Set<Waiter>();
  private closed = false;
  private delayMs: number;
  private stream?: CloseableAsyncIterable<common.Block>;
  private running?: Promise<void>;
  private wakeUp?: () => void;
  private last: number;
  private applied = 0;

  constructor(
    private readonly db: IndexDb,
    private readonly source: Pick<ChainSource, 'network' | 'chaincodeName' | 'failover'>,
    options: FollowerOptions = {},
  ) {
    this.retry = options.retry ?? { initialMs: 250, maxMs: 10_000 };
    this.log = options.log ?? SILENT;
    this.onBlock = options.onBlock;
    this.delayMs = this.retry.initialMs;
    this.last = lastCompleteBlock(readCheckpoint(db));
  }

  /** The last block wholly in the index (-1 before the first): chain height - 1 - lastBlock is the lag. */
  get lastBlock(): number {
    return this.last;
  }

  /** Ledger events applied since this follower started. */
  get eventsApplied(): number {
    return this.applied;
  }

  start(): this {
    this.running ??= this.follow();
    return this;
  }

  /**
   * Resolves true once the index holds the transaction (txId) or the whole block (number), false
   * after timeoutMs or on close. A write's receipt block number works whether or not the
   * transaction announced anything; a txId only resolves for a VALID transaction.
   */
  waitFor(target: IndexTarget, timeoutMs: number): Promise<boolean> {
    if (this.reached(target)) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        target,
        settle: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stream?.close();
    this.wakeUp?.();
    await this.running;
    for (const waiter of [...this.waiters]) waiter.settle(false);
  }

  private async follow(): Promise<void> {
    while (!this.closed) {
      try {
        await this.readUntilTheStreamEnds();
        if (!this.closed) this.log.warn({ lastBlock: this.last }, 'index: block stream ended; reconnecting');
      } catch (err) {
        if (this.closed) break;
        if (!(err instanceof BlockNotApplied)) {
          // The peer may be down for good: the next try goes to the org's next own peer, if any.
          const nextPeer = this.source.failover?.();
          this.log.warn({ err, lastBlock: this.last, retryInMs: this.delayMs, nextPeer }, 'index: block stream failed; reconnecting');
        }
      }
      if (this.closed) break;
      await this.pause(this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, this.retry.maxMs);
    }
  }

  private async readUntilTheStreamEnds(): Promise<void> {
    const startBlock = resumeBlock(readCheckpoint(this.db));
    const blocks = await this.source.network.getBlockEvents({ startBlock: BigInt(startBlock) });
    this.stream = blocks;
    try {
      if (this.closed) return;
      this.log.info({ startBlock }, 'index: reading blocks');
      for await (const block of blocks) {
        if (this.closed) break;
        this.apply(block);
      }
    } finally {
      this.stream = undefined;
      blocks.close();
    }
  }

  private apply(block: common.Block): void {
    const chainBlock = this.readAndApply(block);
    this.last = Math.max(this.last, chainBlock.blockNumber);
    this.delayMs = this.retry.initialMs;
    for (const waiter of [...this.waiters]) if (this.reached(waiter.target)) waiter.settle(true);
    this.share(block, chainBlock);
  }

  private share(block: common.Block, chainBlock: ChainBlock): void {
    try {
      this.onBlock?.(block, chainBlock);
    } catch (err) {
      this.log.warn({ err, blockNumber: chainBlock.blockNumber }, 'index: a block observer failed; the index goes on');
    }
  }

  private readAndApply(block: common.Block): ChainBlock {
    try {
      const chainBlock = readBlock(block, this.source.chaincodeName);
      this.applied += applyBlock(this.db, chainBlock);
      return chainBlock;
    } catch (err) {
      const blockNumber = block.getHeader()?.getNumber();
      this.log.error({ err, blockNumber, retryInMs: this.delayMs }, 'index: cannot apply block; reading it again after a pause');
      throw new BlockNotApplied(`block ${blockNumber} not applied`, { cause: err });
    }
  }

  private reached(target: IndexTarget): boolean {
    if (typeof target === 'string') return statement(this.db, 'SELECT 1 FROM transactions WHERE tx_id = ?').get(target) !== undefined;
    return this.last >= Number(target);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

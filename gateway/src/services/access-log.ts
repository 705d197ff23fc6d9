/**
 * Access events are anchored on the chain in one transaction per batch under their RFC 6962
 * Merkle root, and each caller is answered only once that transaction is committed: an
 * acknowledged access event is on the chain. A batch goes as soon as nothing of its org is on its
 * way to the chain (what arrived in the same turn of the event loop goes together); while a batch
 * is in flight, events wait for its commit and then go together, or go after at most the window,
 * or when a batch is full. So a quiet gateway answers without waiting out a window, and a busy one
 * makes big batches (group commit).
 * Batches are per org, because the ledger accepts only events whose accessor is a system of the
 * submitting org. One event the ledger refuses never costs the other callers theirs: only its
 * caller is answered with the refusal, and the rest of the batch is anchored again.
 */
import {
  type AccessBatch,
  type AccessEvent,
  type AccessEventAnchor,
  accessEventLeafHash,
  accessEventsRoot,
} from '@welfare-ledger/chaincode/lib';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../errors';
import type { Ledger } from '../fabric/ledger';
import { eventsNamedBy, isAboutEvents } from './access-refusals';

export interface AnchoredEvent {
  eventId: string;
  batchId: string;
  leafIndex: number;
  root: string;
  txId: string;
  blockNumber: number;
}

interface Waiting {
  event: AccessEvent;
  leafHash: string;
  settle: { resolve(a: AnchoredEvent): void; reject(e: unknown): void };
}

export interface AccessLogOptions {
  windowMs: number;
  maxEvents: number;
}

export class AccessLog {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, { leafHash: string; anchored: Promise<AnchoredEvent> }>();
  private readonly flushes = new Set<Promise<void>>();
  /** Batches on their way to the chain, per org. */
  private readonly anchoring = new Map<string, number>();

  constructor(
    private readonly ledger: Ledger,
    private readonly options: AccessLogOptions,
  ) {}

  /** Anchors the events of one org; resolves with each event's place on the chain, in order. */
  record(mspId: string, events: AccessEvent[]): Promise<AnchoredEvent[]> {
    return Promise.all(events.map((event) => this.recordOne(mspId, event)));
  }

  /** Anchors whatever is waiting now and waits for every batch in flight (for a clean shutdown). */
  async drain(): Promise<void> {
    for (const mspId of [...this.queues.keys()]) this.flush(mspId);
    await Promise.allSettled([...this.flushes]);
  }

  private recordOne(mspId: string, event: AccessEvent): Promise<AnchoredEvent> {
    const leafHash = accessEventLeafHash(event);
    const same = this.inFlight.get(event.eventId);
    if (same) return same.leafHash === leafHash ? same.anchored : Promise.reject(takenBy(event.eventId, 'other content'));
    const anchored = new Promise<AnchoredEvent>((resolve, reject) => {
      const queue = this.queues.get(mspId) ?? [];
      queue.push({ event, leafHash, settle: { resolve, reject } });
      this.queues.set(mspId, queue);
      if (queue.length >= this.options.maxEvents) this.flush(mspId);
      else if (!this.timers.has(mspId)) this.timers.set(mspId, setTimeout(() => this.flush(mspId), this.inFlightOf(mspId) === 0 ? 0 : this.options.windowMs));
    });
    this.inFlight.set(event.eventId, { leafHash, anchored });
    anchored.then(
      () => this.inFlight.delete(event.eventId),
      () => this.inFlight.delete(event.eventId),
    );
    return anchored;
  }

  private flush(mspId: string): void {
    clearTimeout(this.timers.get(mspId));
    this.timers.delete(mspId);
    const batch = this.queues.get(mspId) ?? [];
    this.queues.delete(mspId);
    if (batch.length === 0) return;
    this.anchoring.set(mspId, this.inFlightOf(mspId) + 1);
    const done = this.anchor(mspId, batch).finally(() => {
      this.flushes.delete(done);
      this.anchoring.set(mspId, this.inFlightOf(mspId) - 1);
      // What waited for this batch goes now, together.
      if (this.inFlightOf(mspId) === 0 && this.queues.has(mspId)) this.flush(mspId);
    });
    this.flushes.add(done);
  }

  private inFlightOf(mspId: string): number {
    return this.anchoring.get(mspId) ?? 0;
  }

  /**
   * Anchors the batch; on a refusal, answers the callers of the events it names and anchors the
   * others again. A refusal naming no event is narrowed down by halving the batch, so that only
   * the events the ledger refuses on their own are refused.
   */
  private async anchor(mspId: string, batch: Waiting[]): Promise<void> {
    try {
      await this.submit(mspId, batch);
    } catch (err) {
      if (!isAboutEvents(err)) {
        for (const w of batch) w.settle.reject(err);
        return;
      }
      const named = eventsNamedBy(err, batch.map((w) => w.event));
      if (named.size > 0) {
        await Promise.all(batch.filter((_, i) => named.has(i)).map((w) => this.answerRefused(mspId, w, err)));
        const rest = batch.filter((_, i) => !named.has(i));
        if (rest.length > 0) await this.anchor(mspId, rest);
      } else if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.anchor(mspId, batch.slice(0, half));
        await this.anchor(mspId, batch.slice(half));
      } else {
        batch[0].settle.reject(err);
      }
    }
  }

  private async submit(mspId: string, batch: Waiting[]): Promise<void> {
    const events = batch.map((w) => w.event);
    const batchId = `AB-${Date.now()}-${randomBytes(6).toString('hex')}`;
    const merkleRoot = accessEventsRoot(events);
    const receipt = await this.ledger.submit<AccessBatch>({ mspId }, 'access:AnchorAccessBatch', [JSON.stringify({ batchId, events, merkleRoot })]);
    batch.forEach((w, leafIndex) =>
      w.settle.resolve({ eventId: w.event.eventId, batchId, leafIndex, root: merkleRoot, txId: receipt.txId, blockNumber: receipt.blockNumber }),
    );
  }

  /** A refused event: a repeat of an anchored event gets its first anchor; anything else, the refusal. */
  private async answerRefused(mspId: string, w: Waiting, err: unknown): Promise<void> {
    if (!(err instanceof ApiError) || err.code !== 'EVENT_ID_TAKEN') return w.settle.reject(err);
    try {
      w.settle.resolve(await this.firstAnchorOf(mspId, w));
    } catch (refusal) {
      w.settle.reject(refusal);
    }
  }

  private async firstAnchorOf(mspId: string, w: Waiting): Promise<AnchoredEvent> {
    const first = await this.ledger.evaluate<AccessEventAnchor>({ mspId }, 'access:ReadAccessEvent', [w.event.eventId]);
    if (first.leafHash !== w.leafHash) {
      throw takenBy(w.event.eventId, first.accessorSystemId === w.event.accessorSystemId ? 'other content' : 'another system');
    }
    const batch = await this.ledger.evaluate<AccessBatch>({ mspId }, 'access:ReadAccessBatch', [first.batchId]);
    const blockNumber = await this.ledger.blockNumberOf(first.txId);
    return { eventId: first.eventId, batchId: first.batchId, leafIndex: first.leafIndex, root: batch.root, txId: first.txId, blockNumber };
  }
}

function takenBy(eventId: string, by: 'other content' | 'another system'): ApiError {
  return ApiError.fromReason('EVENT_ID_TAKEN', `eventId ${eventId} is already anchored with ${by}`);
}

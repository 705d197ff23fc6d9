/**
 * Access events are collected for a short window (or until a batch is full), anchored on the
 * chain in one transaction under their RFC 6962 Merkle root, and each caller is answered only
 * once that transaction is committed: an acknowledged access event is on the chain.
 * Batches are per org, because the ledger accepts only events whose accessor is a system of the
 * submitting org.
 */
import { type AccessBatch, type AccessEvent, accessEventsRoot } from '@welfare-ledger/chaincode/lib';
import { randomBytes } from 'node:crypto';
import type { Ledger } from '../fabric/ledger';

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
  settle: { resolve(a: AnchoredEvent): void; reject(e: unknown): void };
}

export interface AccessLogOptions {
  windowMs: number;
  maxEvents: number;
}

export class AccessLog {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<AnchoredEvent>>();
  private readonly flushes = new Set<Promise<void>>();

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
    const same = this.inFlight.get(event.eventId);
    if (same) return same;
    const anchored = new Promise<AnchoredEvent>((resolve, reject) => {
      const queue = this.queues.get(mspId) ?? [];
      queue.push({ event, settle: { resolve, reject } });
      this.queues.set(mspId, queue);
      if (queue.length >= this.options.maxEvents) this.flush(mspId);
      else if (!this.timers.has(mspId)) this.timers.set(mspId, setTimeout(() => this.flush(mspId), this.options.windowMs));
    });
    this.inFlight.set(event.eventId, anchored);
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
    const done = this.anchor(mspId, batch).finally(() => this.flushes.delete(done));
    this.flushes.add(done);
  }

  private async anchor(mspId: string, batch: Waiting[]): Promise<void> {
    const events = batch.map((w) => w.event);
    const batchId = `AB-${Date.now()}-${randomBytes(6).toString('hex')}`;
    const merkleRoot = accessEventsRoot(events);
    try {
      const receipt = await this.ledger.submit<AccessBatch>({ mspId }, 'access:AnchorAccessBatch', [
        JSON.stringify({ batchId, events, merkleRoot }),
      ]);
      batch.forEach((w, leafIndex) =>
        w.settle.resolve({ eventId: w.event.eventId, batchId, leafIndex, root: merkleRoot, txId: receipt.txId, blockNumber: receipt.blockNumber }),
      );
    } catch (err) {
      for (const w of batch) w.settle.reject(err);
    }
  }
}

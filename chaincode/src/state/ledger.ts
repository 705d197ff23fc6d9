import type { Context } from 'fabric-contract-api';
import { canonicalBytes, canonicalJson } from '../lib/canonical-json';
import {
  LEDGER_EVENT_NAME,
  recordKey,
  type HistoryEntry,
  type LedgerChange,
  type LedgerEvent,
  type RecordByKind,
  type RecordKind,
} from '../lib/records';
import { byStoredOrder, readKeyRange } from './key-range';
import { TABLES, type Table, type Tables } from './tables';

/** Keys per range read: under MAX_RAW_RANGE_RESULTS, so that a few other keys between them still fit. */
const KEYS_PER_RANGE = 40;

type Stub = Context['stub'];
type ProtoTimestamp = { seconds: number | { toNumber(): number }; nanos: number };

export function timestampToIso(ts: ProtoTimestamp): string {
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : ts.seconds.toNumber();
  return new Date(seconds * 1000 + Math.floor(ts.nanos / 1e6)).toISOString();
}

/**
 * One transaction's view of world state. Reads are cached per key and see this transaction's
 * own writes (Fabric's getState does not); records are written as canonical JSON; the changes
 * to announced records are collected and published as one chaincode event by `publish`.
 */
export class Ledger {
  readonly txId: string;
  readonly now: string;
  private readonly cache = new Map<string, unknown>();
  private readonly changes: LedgerChange[] = [];

  constructor(private readonly stub: Stub) {
    this.txId = stub.getTxID();
    this.now = timestampToIso(stub.getTxTimestamp() as ProtoTimestamp);
  }

  private key(table: Table, parts: string[]): string {
    return this.stub.createCompositeKey(table, parts);
  }

  async get<T extends Table>(table: T, ...parts: string[]): Promise<Tables[T] | null> {
    const key = this.key(table, parts);
    if (!this.cache.has(key)) {
      const bytes = await this.stub.getState(key);
      this.cache.set(key, recordOf(bytes));
    }
    return this.cache.get(key) as Tables[T] | null;
  }

  /**
   * Reads many keys of a table with few round trips, for `get` to find in the cache: the keys in
   * stored order, 40 at a time, each 40 by one range read from the first to the last (a key in
   * the range and not returned does not exist). When a range holds too many other keys (keys
   * scattered over a big table), it and the rest are left to `get`'s point reads.
   */
  async prefetch(table: Table, keyParts: string[][]): Promise<void> {
    const keys = [...new Set(keyParts.map((parts) => this.key(table, parts)))].filter((key) => !this.cache.has(key)).sort(byStoredOrder);
    for (let start = 0; start < keys.length; start += KEYS_PER_RANGE) {
      const chunk = keys.slice(start, start + KEYS_PER_RANGE);
      const found = await readKeyRange(this.stub, chunk[0], chunk[chunk.length - 1]);
      if (!found) return;
      for (const key of chunk) {
        this.cache.set(key, recordOf(found.get(key)));
      }
    }
  }

  async put<T extends Table>(table: T, record: Tables[T]): Promise<void> {
    const definition = TABLES[table];
    const key = this.key(table, definition.keyParts(record));
    await this.stub.putState(key, canonicalBytes(record));
    this.cache.set(key, record);
    if (definition.kind) {
      const change = { kind: definition.kind, key: recordKey(definition.kind, record as never), record } as LedgerChange;
      this.changes.push(change);
    }
  }

  /** Announces a record in this transaction's event without storing it in state (access events). */
  announce<K extends RecordKind>(kind: K, record: RecordByKind[K]): void {
    this.changes.push({ kind, key: recordKey(kind, record), record } as LedgerChange);
  }

  /** Every record of a table whose key starts with `parts`, in key order, as committed before this transaction. */
  async list<T extends Table>(table: T, ...parts: string[]): Promise<Tables[T][]> {
    const iterator = await this.stub.getStateByPartialCompositeKey(table, parts);
    const records: Tables[T][] = [];
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.value) records.push(JSON.parse(Buffer.from(next.value.value).toString('utf8')));
        if (next.done) break;
      }
    } finally {
      await iterator.close();
    }
    return records;
  }

  /**
   * A page of a record's history as the ledger returns it (Fabric: newest first). Fabric
   * cannot page history, so the bookmark is the number of entries already returned.
   */
  async history<T extends Table>(table: T, parts: string[], pageSize: number, offset: number) {
    const iterator = await this.stub.getHistoryForKey(this.key(table, parts));
    const entries: HistoryEntry<Tables[T]>[] = [];
    let position = 0;
    let more = false;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.value) {
          if (position >= offset + pageSize) {
            more = true;
            break;
          }
          if (position >= offset) entries.push(historyEntry<Tables[T]>(next.value));
          position += 1;
        }
        if (next.done) break;
      }
    } finally {
      await iterator.close();
    }
    return { entries, bookmark: more ? String(offset + pageSize) : '' };
  }

  /** Publishes this transaction's changes as its one chaincode event; nothing when nothing changed. */
  publish(): void {
    if (this.changes.length === 0) return;
    const event: LedgerEvent = { txId: this.txId, changes: this.changes };
    this.stub.setEvent(LEDGER_EVENT_NAME, Buffer.from(canonicalJson(event), 'utf8'));
  }
}

/** A stored record, or null for a key that does not exist (Fabric gives empty bytes). */
function recordOf(bytes: Uint8Array | undefined): unknown {
  return bytes && bytes.length > 0 ? JSON.parse(Buffer.from(bytes).toString('utf8')) : null;
}

function historyEntry<T>(modification: { txId: string; isDelete: boolean; value: Uint8Array; timestamp: unknown }): HistoryEntry<T> {
  return {
    txId: modification.txId,
    timestamp: timestampToIso(modification.timestamp as ProtoTimestamp),
    isDelete: modification.isDelete,
    record: modification.isDelete ? null : (JSON.parse(Buffer.from(modification.value).toString('utf8')) as T),
  };
}

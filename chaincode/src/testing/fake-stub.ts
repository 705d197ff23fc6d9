/**
 * An in-memory stand-in for Fabric's ChaincodeStub and ClientIdentity, for unit tests.
 * Like a peer, a transaction reads only committed state (never its own writes); its writes
 * are committed together if the transaction function returns, and dropped if it throws.
 * Composite keys use fabric-shim's own format (U+0000 separators).
 */
const COMPOSITE_NS = '\u0000';
const MAX_RUNE = '\u{10ffff}';

interface Modification {
  txId: string;
  isDelete: boolean;
  value: Buffer;
  timestamp: { seconds: number; nanos: number };
}

interface Kv {
  namespace: string;
  key: string;
  value: Buffer;
}

export interface TestIdentity {
  msp: string;
  /** Certificate attributes, e.g. { role: 'admin' }. */
  attributes?: Record<string, string>;
  /** Organisational units in the certificate subject, e.g. ['admin']. */
  ous?: string[];
  commonName?: string;
  /** The certificate (PEM) the peer would hand over; without it getIDBytes gives the id text. */
  certificatePem?: string;
}

export interface EmittedEvent {
  txId: string;
  name: string;
  payload: Buffer;
}

/** The committed world state, the key histories and the events of all committed transactions. */
export class WorldState {
  readonly state = new Map<string, Buffer>();
  readonly histories = new Map<string, Modification[]>();
  readonly events: EmittedEvent[] = [];
  private clockMs: number;
  private txCount = 0;

  constructor(startIso = '2024-06-15T02:00:00.000Z') {
    this.clockMs = Date.parse(startIso);
  }

  /** Sets the time the next transactions are stamped with. */
  setTime(iso: string): void {
    this.clockMs = Date.parse(iso);
  }

  nextTransaction(): { txId: string; timestampMs: number } {
    this.txCount += 1;
    this.clockMs += 1000;
    return { txId: `tx${String(this.txCount).padStart(6, '0')}`, timestampMs: this.clockMs };
  }

  commit(txId: string, timestampMs: number, writes: Map<string, Buffer | null>, event: EmittedEvent | null): void {
    const timestamp = { seconds: Math.floor(timestampMs / 1000), nanos: (timestampMs % 1000) * 1e6 };
    for (const [key, value] of writes) {
      if (value === null) this.state.delete(key);
      else this.state.set(key, value);
      const history = this.histories.get(key) ?? [];
      history.push({ txId, isDelete: value === null, value: value ?? Buffer.alloc(0), timestamp });
      this.histories.set(key, history);
    }
    if (event) this.events.push(event);
  }

  sortedKeysBetween(startKey: string, endKey: string): string[] {
    return [...this.state.keys()].filter((key) => key >= startKey && key < endKey).sort();
  }
}

function iteratorOver<T>(items: T[]) {
  let position = 0;
  return {
    async next(): Promise<{ value: T | undefined; done: boolean }> {
      if (position < items.length) return { value: items[position++], done: false };
      return { value: undefined, done: true };
    },
    async close(): Promise<void> {},
  };
}

export class FakeStub {
  readonly writes = new Map<string, Buffer | null>();
  event: EmittedEvent | null = null;
  /** Every key this transaction read with getState, in order (to check one read per key). */
  readonly reads: string[] = [];
  /** Every range this transaction read through the shim's handler (as composite-key ranges are), in order. */
  readonly ranges: Array<{ startKey: string; endKey: string }> = [];
  /** The part of fabric-shim's handler that composite-key range reads use; like the peer, it returns every key in the range. */
  readonly handler = {
    handleGetStateByRange: async (_collection: string, startKey: string, endKey: string) => {
      this.ranges.push({ startKey, endKey });
      return { iterator: iteratorOver<Kv>(this.world.sortedKeysBetween(startKey, endKey).map((key) => this.kv(key))) };
    },
  };
  private eventCount = 0;

  constructor(
    private readonly world: WorldState,
    private readonly txId: string,
    private readonly timestampMs: number,
  ) {}

  getTxID(): string {
    return this.txId;
  }

  getChannelID(): string {
    return 'welfare';
  }

  getTxTimestamp() {
    const seconds = Math.floor(this.timestampMs / 1000);
    return { seconds: { toNumber: () => seconds }, nanos: (this.timestampMs % 1000) * 1e6 };
  }

  async getState(key: string): Promise<Uint8Array> {
    this.reads.push(key);
    return this.world.state.get(key) ?? Buffer.alloc(0);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    if (typeof key !== 'string' || key === '') throw new Error('key must not be empty');
    this.writes.set(key, Buffer.from(value));
  }

  async deleteState(key: string): Promise<void> {
    this.writes.set(key, null);
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    for (const part of [objectType, ...attributes]) {
      if (typeof part !== 'string' || part.length === 0) throw new Error('object type or attribute not a non-zero length string');
    }
    return COMPOSITE_NS + objectType + COMPOSITE_NS + attributes.map((a) => a + COMPOSITE_NS).join('');
  }

  splitCompositeKey(compositeKey: string): { objectType: string | null; attributes: string[] } {
    if (!compositeKey.startsWith(COMPOSITE_NS)) return { objectType: null, attributes: [] };
    const parts = compositeKey.slice(1).split(COMPOSITE_NS);
    parts.pop();
    return { objectType: parts[0], attributes: parts.slice(1) };
  }

  async getStateByRange(startKey: string, endKey: string) {
    const end = endKey === '' ? MAX_RUNE : endKey;
    return iteratorOver<Kv>(this.world.sortedKeysBetween(startKey, end).map((key) => this.kv(key)));
  }

  async getStateByPartialCompositeKey(objectType: string, attributes: string[]) {
    const prefix = this.createCompositeKey(objectType, attributes);
    return this.getStateByRange(prefix, prefix + MAX_RUNE);
  }

  async getHistoryForKey(key: string) {
    const newestFirst = [...(this.world.histories.get(key) ?? [])].reverse();
    return iteratorOver(newestFirst);
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.eventCount += 1;
    if (this.eventCount > 1) throw new Error('a transaction may set only one event (Fabric keeps the last)');
    this.event = { txId: this.txId, name, payload: Buffer.from(payload) };
  }

  private kv(key: string): Kv {
    return { namespace: 'welfare', key, value: this.world.state.get(key) as Buffer };
  }
}

export class FakeClientIdentity {
  constructor(private readonly identity: TestIdentity) {}

  getMSPID(): string {
    return this.identity.msp;
  }

  getID(): string {
    const ous = (this.identity.ous ?? ['client']).map((ou) => `/OU=${ou}`).join('');
    const cn = this.identity.commonName ?? `User1@${this.identity.msp.toLowerCase()}`;
    return `x509::/C=CN/ST=Shanghai/L=Shanghai${ous}/CN=${cn}::/C=CN/ST=Shanghai/L=Shanghai/O=${this.identity.msp}/CN=ca.${this.identity.msp}`;
  }

  getIDBytes(): Uint8Array {
    return Buffer.from(this.identity.certificatePem ?? this.getID());
  }

  getAttributeValue(name: string): string | null {
    return this.identity.attributes?.[name] ?? null;
  }

  assertAttributeValue(name: string, value: string): boolean {
    return this.getAttributeValue(name) === value;
  }
}

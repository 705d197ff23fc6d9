/**
 * Runs transactions against a WorldState the way a peer would for one endorser: one context
 * per transaction, commit on success, nothing on error.
 */
import type { Context, Contract } from 'fabric-contract-api';
import { LEDGER_EVENT_NAME, type LedgerEvent } from '../lib/records';
import { FakeClientIdentity, FakeStub, WorldState, type TestIdentity } from './fake-stub';

export const IDENTITIES = {
  civilAffairs: { msp: 'CivilAffairsMSP' },
  civilAffairsAdmin: { msp: 'CivilAffairsMSP', ous: ['admin'], commonName: 'Admin@civilaffairs' },
  finance: { msp: 'FinanceMSP' },
  financeAdmin: { msp: 'FinanceMSP', attributes: { 'welfare.roles': 'admin' } },
  audit: { msp: 'AuditMSP' },
  auditAdmin: { msp: 'AuditMSP', ous: ['admin'] },
  outsider: { msp: 'OrdererMSP' },
} satisfies Record<string, TestIdentity>;

export interface TxOutcome<T> {
  txId: string;
  result: T;
  event: LedgerEvent | null;
  writes: number;
  /** Keys read with getState, in order. */
  reads: string[];
  /** Ranges read (composite-key ranges through the shim's handler), in order. */
  ranges: Array<{ startKey: string; endKey: string }>;
}

type Transactions<C> = { [K in keyof C]: C[K] extends (ctx: Context, ...args: string[]) => Promise<string> ? K : never }[keyof C];

export class TestLedger {
  readonly world: WorldState;

  constructor(startIso?: string) {
    this.world = new WorldState(startIso);
  }

  /** Submits a transaction; its writes and event are committed only if it succeeds. */
  async submit<C extends Contract, T = unknown>(
    contract: C,
    fn: Transactions<C>,
    identity: TestIdentity,
    ...args: string[]
  ): Promise<TxOutcome<T>> {
    const { txId, timestampMs } = this.world.nextTransaction();
    const stub = new FakeStub(this.world, txId, timestampMs);
    const ctx = { stub, clientIdentity: new FakeClientIdentity(identity) } as unknown as Context;
    const method = contract[fn] as unknown as (ctx: Context, ...args: string[]) => Promise<string>;
    const text = await method.call(contract, ctx, ...args);
    if (stub.event && stub.event.name !== LEDGER_EVENT_NAME) throw new Error(`unexpected event name ${stub.event.name}`);
    this.world.commit(txId, timestampMs, stub.writes, stub.event);
    return {
      txId,
      result: JSON.parse(text) as T,
      event: stub.event ? (JSON.parse(stub.event.payload.toString('utf8')) as LedgerEvent) : null,
      writes: stub.writes.size,
      reads: stub.reads,
      ranges: stub.ranges,
    };
  }

  /** Evaluates a query: same as submit, but nothing is committed even when it returns. */
  async evaluate<C extends Contract, T = unknown>(
    contract: C,
    fn: Transactions<C>,
    identity: TestIdentity,
    ...args: string[]
  ): Promise<T> {
    const { txId, timestampMs } = this.world.nextTransaction();
    const stub = new FakeStub(this.world, txId, timestampMs);
    const ctx = { stub, clientIdentity: new FakeClientIdentity(identity) } as unknown as Context;
    const method = contract[fn] as unknown as (ctx: Context, ...args: string[]) => Promise<string>;
    const text = await method.call(contract, ctx, ...args);
    if (stub.writes.size > 0) throw new Error(`query ${String(fn)} wrote to state`);
    return JSON.parse(text) as T;
  }

  /** The raw bytes stored under a composite key (to check canonical storage). */
  stored(objectType: string, ...attributes: string[]): string | undefined {
    const key = `\u0000${objectType}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`;
    return this.world.state.get(key)?.toString('utf8');
  }

  get stateSize(): number {
    return this.world.state.size;
  }
}

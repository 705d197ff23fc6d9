import { type AccessEvent, type AccessEventAnchor, accessEventLeafHash, accessEventsRoot, takenEventIdsMessage } from '@welfare-ledger/chaincode/lib';
import { ApiError } from '../errors';
import type { Actor, Ledger } from '../fabric/ledger';
import { AccessLog } from './access-log';

interface Anchor {
  actor: Actor;
  batch: { batchId: string; events: AccessEvent[]; merkleRoot: string };
}

/**
 * A stand-in for the chaincode's access contract: it refuses a batch as the chaincode does
 * (an eventId already anchored, a retired accessor, an empty legal basis) or with `fail`.
 */
function fakeLedger(fail?: ApiError) {
  const anchors: Anchor[] = [];
  const firsts = new Map<string, AccessEventAnchor & { root: string; blockNumber: number }>();
  let block = 10;
  const ledger = {
    async submit(actor: Actor, fn: string, [json]: string[]) {
      expect(fn).toBe('access:AnchorAccessBatch');
      const batch = JSON.parse(json) as Anchor['batch'];
      anchors.push({ actor, batch });
      if (fail) throw fail;
      const empty = batch.events.findIndex((e) => e.legalBasis === '');
      if (empty >= 0) throw new ApiError(400, 'VALIDATION', `accessBatch.events[${empty}].legalBasis: must be text`);
      const retired = batch.events.filter((e) => e.accessorSystemId === 'retired-system');
      if (retired.length > 0) throw ApiError.fromReason('UNKNOWN_ACCESSOR', `not ACTIVE systems of ${actor.mspId}: retired-system`);
      const taken = batch.events.filter((e) => firsts.has(e.eventId)).map((e) => e.eventId);
      if (taken.length > 0) throw ApiError.fromReason('EVENT_ID_TAKEN', takenEventIdsMessage(taken));
      const txId = `tx${anchors.length}`;
      block += 1;
      batch.events.forEach((e, leafIndex) =>
        firsts.set(e.eventId, {
          eventId: e.eventId, accessorSystemId: e.accessorSystemId, leafHash: accessEventLeafHash(e), batchId: batch.batchId, leafIndex, txId,
          root: batch.merkleRoot, blockNumber: block,
        }),
      );
      return { txId, blockNumber: block, status: 'VALID', record: {} };
    },
    async evaluate(_actor: Actor, fn: string, [key]: string[]) {
      if (fn === 'access:ReadAccessEvent') return firsts.get(key);
      expect(fn).toBe('access:ReadAccessBatch');
      return { root: [...firsts.values()].find((f) => f.batchId === key)!.root };
    },
    async blockNumberOf(txId: string) {
      return [...firsts.values()].find((f) => f.txId === txId)!.blockNumber;
    },
  } as unknown as Ledger;
  return { ledger, anchors };
}

const event = (n: number, accessor = 'audit-system'): AccessEvent => ({
  eventId: `E${n}`, accessorSystemId: accessor, subjectRef: 'a'.repeat(64), datasetCode: 'JM.T01', fields: ['name'],
  purpose: 'AUDIT', legalBasis: 'law', accessedAt: '2026-11-01T00:00:00Z', resultCount: 1,
});

describe('the access log batcher', () => {
  it('anchors events arriving within the window in one transaction and tells each caller its leaf', async () => {
    const { ledger, anchors } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 20, maxEvents: 1000 });
    const [a, b] = await Promise.all([log.record('AuditMSP', [event(1)]), log.record('AuditMSP', [event(2), event(3)])]);
    expect(anchors).toHaveLength(1);
    expect(anchors[0].batch.merkleRoot).toBe(accessEventsRoot([event(1), event(2), event(3)]));
    expect(a[0]).toMatchObject({ eventId: 'E1', leafIndex: 0, txId: 'tx1', blockNumber: 11 });
    expect(b.map((e) => e.leafIndex)).toEqual([1, 2]);
    expect(b[0].batchId).toBe(anchors[0].batch.batchId);
  });

  it('anchors at once when a batch is full, without waiting for the window', async () => {
    const { ledger, anchors } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 60_000, maxEvents: 2 });
    await log.record('AuditMSP', [event(1), event(2)]);
    expect(anchors).toHaveLength(1);
  });

  it("keeps each org's events in its own batch, submitted as that org", async () => {
    const { ledger, anchors } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    await Promise.all([log.record('AuditMSP', [event(1)]), log.record('FinanceMSP', [event(2, 'finance-system')])]);
    expect(anchors.map((x) => [x.actor.mspId, x.batch.events.map((e) => e.eventId)])).toEqual([
      ['AuditMSP', ['E1']],
      ['FinanceMSP', ['E2']],
    ]);
  });

  it('an event id already waiting is not queued twice: both callers get the same answer', async () => {
    const { ledger, anchors } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    const [a, b] = await Promise.all([log.record('AuditMSP', [event(1)]), log.record('AuditMSP', [event(1)])]);
    expect(anchors[0].batch.events).toHaveLength(1);
    expect(b[0]).toEqual(a[0]);
  });

  it('an unreachable ledger fails every caller of that batch: nothing is acknowledged that is not on the chain', async () => {
    const { ledger, anchors } = fakeLedger(new ApiError(503, 'UNAVAILABLE', 'the ledger network is unavailable; try again'));
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    const results = await Promise.allSettled([log.record('AuditMSP', [event(1)]), log.record('AuditMSP', [event(2)])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(anchors).toHaveLength(1);
  });

  it('a refusal that would be the same for every event (FORBIDDEN) fails the whole batch at once', async () => {
    const { ledger, anchors } = fakeLedger(ApiError.fromReason('FORBIDDEN', 'the caller may not anchor'));
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    const results = await Promise.allSettled([1, 2, 3].map((n) => log.record('AuditMSP', [event(n)])));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(anchors).toHaveLength(1);
  });

  it.each([
    ['an eventId another system anchored', { eventId: 'E0', accessorSystemId: 'other-system' }, 'EVENT_ID_TAKEN'],
    ['other content under an eventId this system anchored', { eventId: 'E0', resultCount: 7 }, 'EVENT_ID_TAKEN'],
    ['a retired accessor', { accessorSystemId: 'retired-system' }, 'UNKNOWN_ACCESSOR'],
    ['a value the ledger refuses', { legalBasis: '' }, 'VALIDATION'],
  ])('one event the ledger refuses (%s) fails only its caller; the others are anchored', async (_name, change, code) => {
    const { ledger, anchors } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    await log.record('AuditMSP', [event(0)]);
    const results = await Promise.allSettled([
      log.record('AuditMSP', [event(1)]),
      log.record('AuditMSP', [{ ...event(2), ...change }]),
      log.record('AuditMSP', [event(3)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code });
    expect(anchors.at(-1)!.batch.events.map((e) => e.eventId)).toEqual(['E1', 'E3']);
  });

  it('a repeat of an anchored event gets its first anchor; the other events of the batch are anchored', async () => {
    const { ledger } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    const [first] = await log.record('AuditMSP', [event(1)]);
    const [[repeat], [other]] = await Promise.all([log.record('AuditMSP', [event(1)]), log.record('AuditMSP', [event(2)])]);
    expect(repeat).toEqual(first);
    expect(other.txId).not.toBe(first.txId);
  });

  it('a refusal that names no event is narrowed down by halving the batch: only the event refused alone fails', async () => {
    let refusals = 0;
    const { ledger: chain, anchors } = fakeLedger();
    const ledger = {
      ...chain,
      submit(actor: Actor, fn: string, args: string[]) {
        const batch = JSON.parse(args[0]) as Anchor['batch'];
        if (batch.events.some((e) => e.eventId === 'E3')) {
          refusals += 1;
          return Promise.reject(ApiError.fromReason('MERKLE_ROOT_MISMATCH', 'the events hash to something else'));
        }
        return chain.submit(actor, fn, args);
      },
    } as unknown as Ledger;
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => log.record('AuditMSP', [event(n)])));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(anchors.flatMap((a) => a.batch.events.map((e) => e.eventId)).sort()).toEqual(['E1', 'E2', 'E4', 'E5']);
    expect(refusals).toBe(3);
  });

  it('an event id waiting with other content is refused EVENT_ID_TAKEN at once', async () => {
    const { ledger } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    const results = await Promise.allSettled([log.record('AuditMSP', [event(1)]), log.record('AuditMSP', [{ ...event(1), resultCount: 5 }])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'EVENT_ID_TAKEN', status: 409 });
  });

  it('with nothing on its way to the chain, an event is anchored at once, not after the window', async () => {
    const { ledger, anchors } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 60_000, maxEvents: 1000 });
    await expect(log.record('AuditMSP', [event(1)])).resolves.toHaveLength(1);
    expect(anchors).toHaveLength(1);
  });

  it('events arriving while a batch is on its way wait for its commit, then go together in one batch', async () => {
    const { ledger, anchors } = fakeLedger();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const submit = ledger.submit.bind(ledger);
    (ledger as { submit: Ledger['submit'] }).submit = (async (actor: Actor, fn: string, args: string[]) => {
      if (anchors.length === 0) await held;
      return submit(actor, fn, args);
    }) as Ledger['submit'];
    const log = new AccessLog(ledger, { windowMs: 60_000, maxEvents: 1000 });
    const first = log.record('AuditMSP', [event(1)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [log.record('AuditMSP', [event(2)]), log.record('AuditMSP', [event(3)])];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(anchors).toHaveLength(0);
    release();
    await Promise.all([first, ...later]);
    expect(anchors.map((a) => a.batch.events.map((e) => e.eventId))).toEqual([['E1'], ['E2', 'E3']]);
  });

  it('drain anchors whatever is waiting before shutdown', async () => {
    const { ledger, anchors } = fakeLedger();
    const log = new AccessLog(ledger, { windowMs: 60_000, maxEvents: 1000 });
    const pending = log.record('AuditMSP', [event(1)]);
    await log.drain();
    expect(anchors).toHaveLength(1);
    await expect(pending).resolves.toHaveLength(1);
  });
});

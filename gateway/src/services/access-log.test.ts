import { type AccessEvent, accessEventsRoot } from '@welfare-ledger/chaincode/lib';
import { ApiError } from '../errors';
import type { Actor, Ledger } from '../fabric/ledger';
import { AccessLog } from './access-log';

interface Anchor {
  actor: Actor;
  batch: { batchId: string; events: AccessEvent[]; merkleRoot: string };
}

function fakeLedger(fail?: ApiError) {
  const anchors: Anchor[] = [];
  let block = 10;
  const ledger = {
    async submit(actor: Actor, fn: string, [json]: string[]) {
      expect(fn).toBe('access:AnchorAccessBatch');
      const batch = JSON.parse(json);
      anchors.push({ actor, batch });
      if (fail) throw fail;
      return { txId: `tx${anchors.length}`, blockNumber: ++block, status: 'VALID', record: {} };
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

  it('a refused anchor fails every caller of that batch: nothing is acknowledged that is not on the chain', async () => {
    const { ledger } = fakeLedger(ApiError.fromReason('UNKNOWN_ACCESSOR', 'no such system'));
    const log = new AccessLog(ledger, { windowMs: 10, maxEvents: 1000 });
    const results = await Promise.allSettled([log.record('AuditMSP', [event(1)]), log.record('AuditMSP', [event(2)])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
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

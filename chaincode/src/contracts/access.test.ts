import { accessEventLeafHash, accessEventsRoot } from '../lib/access-events';
import { canonicalJson } from '../lib/canonical-json';
import { inclusionProof, leafHash, verifyInclusion } from '../lib/merkle';
import type { AccessBatch, AccessEvent, AccessEventAnchor } from '../lib/records';
import { json, pseudonym } from '../testing/fixtures';
import { IDENTITIES, TestLedger } from '../testing/network';
import { AccessContract } from './access';
import { SystemContract } from './system';

const { civilAffairs, civilAffairsAdmin, finance, financeAdmin, audit, outsider } = IDENTITIES;
const systems = new SystemContract();
const contract = new AccessContract();

function event(i: number, extra: Partial<AccessEvent> = {}): AccessEvent {
  return {
    eventId: `EV-${i}`,
    accessorSystemId: 'ca-relief',
    subjectRef: pseudonym(`subject-${i}`),
    datasetCode: 'MZ_JZ_DBDX',
    fields: ['name', 'income'],
    purpose: 'ELIGIBILITY_REVIEW',
    legalBasis: '《社会救助暂行办法》第十一条',
    accessedAt: `2024-06-20T0${i % 10}:00:00Z`,
    resultCount: 1,
    ...extra,
  };
}

function batchOf(events: AccessEvent[], batchId = 'AB-1') {
  return { batchId, events, merkleRoot: accessEventsRoot(events) };
}

async function aLedgerWithSystems(): Promise<TestLedger> {
  const ledger = new TestLedger('2024-06-20T12:00:00.000Z');
  await ledger.submit(systems, 'RegisterSystem', civilAffairsAdmin, json({ systemId: 'ca-relief', name: 'Relief', roles: ['civil-affairs', 'access-log'] }));
  await ledger.submit(systems, 'RegisterSystem', civilAffairsAdmin, json({ systemId: 'ca-old', name: 'Old', roles: ['access-log'] }));
  await ledger.submit(systems, 'RetireSystem', civilAffairsAdmin, 'ca-old');
  await ledger.submit(systems, 'RegisterSystem', financeAdmin, json({ systemId: 'fin-bank', name: 'Bank', roles: ['finance'] }));
  return ledger;
}

const anchor = (ledger: TestLedger, input: object, who: object = civilAffairs) =>
  ledger.submit<AccessContract, AccessBatch>(contract, 'AnchorAccessBatch', who as never, json(input));

describe('access-event anchors', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await aLedgerWithSystems();
  });

  it('anchors a batch: root, count and time range are kept; the events are announced with their leaf index, only their ids stored', async () => {
    const events = [event(3), event(1), event(7)];
    const { result, txId, event: emitted, writes } = await anchor(ledger, batchOf(events));
    expect(result).toEqual({
      batchId: 'AB-1',
      root: accessEventsRoot(events),
      count: 3,
      firstAccessedAt: '2024-06-20T01:00:00Z',
      lastAccessedAt: '2024-06-20T07:00:00Z',
      anchoredBy: 'CivilAffairsMSP',
      anchoredAt: '2024-06-20T12:00:05.000Z',
      txId,
    });
    expect(writes).toBe(1 + events.length);
    expect(emitted?.changes).toEqual([
      { kind: 'AccessBatch', key: 'AB-1', record: result },
      ...events.map((e, leafIndex) => ({ kind: 'AccessEvent', key: e.eventId, record: { ...e, batchId: 'AB-1', leafIndex } })),
    ]);
    await expect(ledger.evaluate(contract, 'ReadAccessBatch', audit, 'AB-1')).resolves.toEqual(result);
  });

  it('the anchored root proves any one event with an RFC 6962 inclusion path', async () => {
    const events = [1, 2, 3, 4, 5].map((i) => event(i));
    const { result } = await anchor(ledger, batchOf(events));
    const leaves = events.map((e) => canonicalJson(e));
    const proof = inclusionProof(3, leaves);
    expect(verifyInclusion(leafHash(leaves[3]), 3, result.count, proof, Buffer.from(result.root, 'hex'))).toBe(true);
  });

  it('a single event is its own tree', async () => {
    const { result } = await anchor(ledger, batchOf([event(1)]));
    expect(result.root).toBe(leafHash(canonicalJson(event(1))).toString('hex'));
  });

  it('a root that does not match the events is refused MERKLE_ROOT_MISMATCH', async () => {
    const events = [event(1), event(2)];
    await expect(anchor(ledger, { ...batchOf(events), merkleRoot: accessEventsRoot([event(2), event(1)]) })).rejects.toThrow(
      '[MERKLE_ROOT_MISMATCH]',
    );
    await expect(anchor(ledger, { ...batchOf(events), events: [event(1), event(2, { resultCount: 2 })] })).rejects.toThrow(
      '[MERKLE_ROOT_MISMATCH]',
    );
  });

  it.each([
    ['an unregistered system', 'nobody'],
    ['a retired system', 'ca-old'],
    ["another org's system", 'fin-bank'],
  ])('an event whose accessor is %s is refused UNKNOWN_ACCESSOR and nothing is anchored', async (_name, accessorSystemId) => {
    await expect(anchor(ledger, batchOf([event(1), event(2, { accessorSystemId })]))).rejects.toThrow(
      `[UNKNOWN_ACCESSOR] not ACTIVE systems of CivilAffairsMSP: ${accessorSystemId}`,
    );
    await expect(ledger.evaluate(contract, 'ReadAccessBatch', audit, 'AB-1')).rejects.toThrow('[NOT_FOUND]');
  });

  it('any org anchors the events of its own systems', async () => {
    const { result } = await anchor(ledger, batchOf([event(1, { accessorSystemId: 'fin-bank', purpose: 'DISBURSEMENT_VERIFICATION' })]), finance);
    expect(result.anchoredBy).toBe('FinanceMSP');
  });

  it('an identity outside the consortium, or with a role other than access-log, may not anchor', async () => {
    await expect(anchor(ledger, batchOf([event(1)]), outsider)).rejects.toThrow('[FORBIDDEN]');
    await expect(anchor(ledger, batchOf([event(1)]), { msp: 'CivilAffairsMSP', attributes: { 'welfare.roles': 'civil-affairs' } })).rejects.toThrow(
      '[FORBIDDEN]',
    );
  });

  it('anchoring the same batch again returns the stored anchor; other events under the batchId are BATCH_CONFLICT', async () => {
    const first = await anchor(ledger, batchOf([event(1), event(2)]));
    const again = await anchor(ledger, batchOf([event(1), event(2)]));
    expect(again.result).toEqual(first.result);
    expect(again.writes).toBe(0);
    await expect(anchor(ledger, batchOf([event(1), event(3)]))).rejects.toThrow('[BATCH_CONFLICT]');
  });

  it.each([
    ['no events', { events: [] }, 'accessBatch.events'],
    ['a repeated eventId', { events: [event(1), event(1)] }, 'accessBatch.events[1].eventId'],
    ['an unknown purpose', { events: [event(1, { purpose: 'CURIOSITY' as never })] }, 'accessBatch.events[0].purpose'],
    ['a local time', { events: [event(1, { accessedAt: '2024-06-20 08:00:00' })] }, 'accessBatch.events[0].accessedAt'],
    ['an impossible time', { events: [event(1, { accessedAt: '2024-06-20T24:00:00Z' })] }, 'accessBatch.events[0].accessedAt'],
    ['a negative result count', { events: [event(1, { resultCount: -1 })] }, 'accessBatch.events[0].resultCount'],
    ['no fields', { events: [event(1, { fields: [] })] }, 'accessBatch.events[0].fields'],
    ['a raw citizen id as subject', { events: [event(1, { subjectRef: '310104198001010011' })] }, 'accessBatch.events[0].subjectRef'],
    ['an unknown event field', { events: [{ ...event(1), idNumber: '310104198001010011' }] }, 'accessBatch.events[0].idNumber'],
    ['a root in upper case', { merkleRoot: 'A'.repeat(64) }, 'accessBatch.merkleRoot'],
  ])('a batch with %s is refused VALIDATION', async (_name, change, field) => {
    await expect(anchor(ledger, { ...batchOf([event(1)]), ...change })).rejects.toThrow(`[VALIDATION] ${field}`);
  });

  it('each eventId keeps where it was first anchored: batch, leaf, leaf hash and transaction', async () => {
    const { txId } = await anchor(ledger, batchOf([event(1), event(2)]));
    await expect(ledger.evaluate(contract, 'ReadAccessEvent', audit, 'EV-2')).resolves.toEqual<AccessEventAnchor>({
      eventId: 'EV-2',
      accessorSystemId: 'ca-relief',
      leafHash: accessEventLeafHash(event(2)),
      batchId: 'AB-1',
      leafIndex: 1,
      txId,
    });
    await expect(ledger.evaluate(contract, 'ReadAccessEvent', audit, 'EV-3')).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.evaluate(contract, 'ReadAccessEvent', audit, 'bad id')).rejects.toThrow('[VALIDATION] eventId');
  });

  it.each([
    ['the same event again', event(1)],
    ['other content under the same id', event(1, { resultCount: 9 })],
  ])('a batch carrying an eventId already anchored (%s) is refused EVENT_ID_TAKEN naming it, and nothing is written', async (_name, repeat) => {
    await anchor(ledger, batchOf([event(1), event(2)]));
    await expect(anchor(ledger, batchOf([event(3), repeat, event(4)], 'AB-2'))).rejects.toThrow(
      '[EVENT_ID_TAKEN] eventIds already anchored: ["EV-1"]',
    );
    await expect(ledger.evaluate(contract, 'ReadAccessBatch', audit, 'AB-2')).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.evaluate(contract, 'ReadAccessEvent', audit, 'EV-3')).rejects.toThrow('[NOT_FOUND]');
  });

  it('ids that sort together are looked up by range, 40 at a time; a repeat inside a range is still found', async () => {
    const many = Array.from({ length: 200 }, (_, i) => event(1000 + i));
    const { reads, ranges } = await anchor(ledger, batchOf(many));
    expect(reads.filter((key) => key.includes('accessEvent'))).toEqual([]);
    expect(ranges).toHaveLength(5);
    const again = Array.from({ length: 80 }, (_, i) => event(1150 + i));
    await expect(anchor(ledger, batchOf(again, 'AB-2'))).rejects.toThrow('[EVENT_ID_TAKEN] eventIds already anchored: ["EV-1150"');
  });

  it('ids scattered among ones already anchored are looked up one by one, after one range read that found too many', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => 1000 + i);
    await anchor(ledger, batchOf(ids.filter((id) => id % 5 !== 0).map((id) => event(id))));
    const scattered = ids.filter((id) => id % 5 === 0).map((id) => event(id));
    const { reads, ranges } = await anchor(ledger, batchOf(scattered, 'AB-2'));
    expect(ranges).toHaveLength(1);
    expect(reads.filter((key) => key.includes('accessEvent'))).toHaveLength(scattered.length);
  });

  it("another org's system may not reuse an eventId anchored by this org", async () => {
    await anchor(ledger, batchOf([event(1)]));
    const theirs = event(1, { accessorSystemId: 'fin-bank', purpose: 'DISBURSEMENT_VERIFICATION' });
    await expect(anchor(ledger, batchOf([theirs], 'AB-F'), finance)).rejects.toThrow('[EVENT_ID_TAKEN]');
  });

  it('reading an anchor that does not exist is NOT_FOUND', async () => {
    await expect(ledger.evaluate(contract, 'ReadAccessBatch', audit, 'AB-404')).rejects.toThrow('[NOT_FOUND]');
  });
});

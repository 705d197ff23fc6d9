/**
 * An eventId is unique on the chain, and one refused access event never costs other callers
 * theirs. Fired at the real network through each system's own org gateway.
 */
import { citizenOfRun, get, post, runTag, type SystemName } from './support/api';

const citizen = citizenOfRun(801, '310110');
const event = (eventId: string, extra: Record<string, unknown> = {}) => ({
  eventId, citizenId: citizen, datasetCode: 'JM.T01', fields: ['name'], purpose: 'AUDIT', legalBasis: 'law',
  accessedAt: '2026-11-01T00:00:00Z', resultCount: 1, ...extra,
});
const log = (as: SystemName, body: unknown) => post('/v1/access-events', as, body);

describe('an eventId on the chain', () => {
  it('posted again by the same system after it committed, gets the first anchor', async () => {
    const first = await log('audit-system', event(`EVU-${runTag}-1`));
    expect(first.status).toBe(201);
    const again = await log('audit-system', event(`EVU-${runTag}-1`));
    expect(again.status).toBe(201);
    expect(again.body.events[0]).toEqual(first.body.events[0]);
  });

  it('posted again by the same system with other content is a 409 EVENT_ID_TAKEN', async () => {
    expect((await log('audit-system', event(`EVU-${runTag}-2`))).status).toBe(201);
    const other = await log('audit-system', event(`EVU-${runTag}-2`, { resultCount: 2 }));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('EVENT_ID_TAKEN');
  });

  it("used by a system of another org is a 409 EVENT_ID_TAKEN, through that org's own gateway", async () => {
    expect((await log('audit-system', event(`EVU-${runTag}-3`))).status).toBe(201);
    const theirs = await log('finance-system', event(`EVU-${runTag}-3`, { purpose: 'DISBURSEMENT_VERIFICATION' }));
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.code).toBe('EVENT_ID_TAKEN');
  });
});

describe('a batch with one event the chaincode refuses', () => {
  it('anchors every other caller’s event: only the caller reusing another system’s eventId gets the error', async () => {
    const taken = `EVB-${runTag}-TAKEN`;
    expect((await log('finance-system', event(taken, { purpose: 'DISBURSEMENT_VERIFICATION' }))).status).toBe(201);
    // Posted together, the events wait in the same window of the audit gateway's batcher.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => log('audit-system', event(i === 3 ? taken : `EVB-${runTag}-${i}`))),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 409, 201, 201, 201, 201]);
    expect(answers[3].body.error.code).toBe('EVENT_ID_TAKEN');
    for (const answer of answers.filter((a) => a.status === 201)) {
      const { eventId, txId } = answer.body.events[0];
      const indexed = await get(`/v1/access-events/${eventId}`, 'audit-system');
      expect(indexed.status).toBe(200);
      expect(indexed.body.txId).toBe(txId);
    }
  });
});

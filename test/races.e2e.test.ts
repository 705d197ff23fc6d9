/**
 * Writers that race get what a single careful writer gets: finance systems post from several
 * workers at once and retry on timeouts. Each race is fired at the real network through the
 * gateway; every caller gets a 2xx with the first record or a documented 4xx, and the ledger
 * holds each record once. Counts are kept small so the suite stays fast on a shared machine.
 */
import { apiKey, citizenOfRun, post, runTag, type Answer, urlFor } from './support/api';
import { heightAround } from './support/chain';

const programmeId = `RACE_${runTag}`;
const citizens = Array.from({ length: 6 }, (_, i) => citizenOfRun(701 + i, '310109'));
const [alice, bob, carol, dave, erin, frank] = citizens;
const account = '6222020000000042';

const line = (lineId: string, citizenId: string, period = '2026-05') => ({
  lineId, programmeId, period, citizenId, amountFen: 10_000, bankAccount: account, kind: 'REGULAR',
});
const batchLine = (lineId: string, citizenId: string, amountFen = 10_000) => ({ lineId, citizenId, amountFen, bankAccount: account, kind: 'REGULAR' });

const together = <T>(n: number, send: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, (_, i) => send(i)));

/** The payment lines of a beneficiary's history as the index holds them, by lineId. */
async function linesInHistory(citizenId: string): Promise<Array<{ lineId: string; status: string; reasonCode: string | null }>> {
  const answer = await post('/v1/beneficiaries/history?purpose=AUDIT', 'audit-system', { citizenId });
  expect(answer.status).toBe(200);
  return answer.body.items.filter((e: any) => e.kind === 'DisbursementLine').map((e: any) => e.record);
}

beforeAll(async () => {
  expect((await post('/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'races', nameZh: '并发', monthlyCapFen: 100_000 })).status).toBe(201);
  for (const citizenId of citizens) {
    const grant = await post('/v1/eligibility/grant', 'civil-affairs-system', {
      citizenId, programmeId, validFrom: '2026-01-01', districtCode: '310109', decisionRef: 'RACE',
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
    });
    expect(grant.status).toBe(201);
  }
});

describe('identical writes at once', () => {
  it('50 identical payment lines posted at once all get the first record, and the ledger holds one line', async () => {
    const lineId = `RACE-${runTag}-SAME`;
    const answers = await together(50, () => post('/v1/disbursements', 'finance-system', line(lineId, alice)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const [first] = answers;
    for (const answer of answers) {
      expect(answer.body.record).toEqual(first.body.record);
      // every receipt names the transaction that wrote the line, and its block
      expect(answer.body.txId).toBe(first.body.record.txId);
      expect(answer.body.blockNumber).toBe(first.body.blockNumber);
      expect(answer.body.proof).toBe(first.body.proof);
    }
    expect(answers.filter((a) => a.body.replay === false)).toHaveLength(1);
    expect(await linesInHistory(alice)).toEqual([expect.objectContaining({ lineId, status: 'POSTED' })]);
  });

  it('a payment posted again after it committed is a replay: nothing is ordered, the receipt names the first transaction', async () => {
    const lineId = `RACE-${runTag}-AGAIN`;
    const first = await post('/v1/disbursements', 'finance-system', line(lineId, alice, '2026-06'));
    expect(first.status).toBe(201);
    let again: Answer | undefined;
    const { before, after } = await heightAround(async () => {
      again = await post('/v1/disbursements', 'finance-system', line(lineId, alice, '2026-06'));
    });
    expect(again!.status).toBe(201);
    expect(again!.body).toEqual({ ...first.body, replay: true });
    expect(after).toBe(before);
  });
});

describe('one batchId posted several times at once', () => {
  const batch = (batchId: string, amountFen: number) => ({
    batchId, programmeId, period: '2026-07', lines: [batchLine(`${batchId}-1`, bob, amountFen), batchLine(`${batchId}-2`, carol, amountFen)],
  });

  it('with the same content, every caller gets the first result and the batch is written once', async () => {
    const batchId = `RB-${runTag}-SAME`;
    const answers = await together(10, () => post('/v1/disbursement-batches', 'finance-system', batch(batchId, 10_000)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    for (const answer of answers) {
      expect(answer.body.record).toEqual(answers[0].body.record);
      expect(answer.body.txId).toBe(answers[0].body.record.txId);
    }
    expect(answers.filter((a) => a.body.replay === false)).toHaveLength(1);
    expect(answers[0].body.record.postedCount).toBe(2);
  });

  it('with different content, the content that won is answered 201 and the other 409 BATCH_CONFLICT', async () => {
    const batchId = `RB-${runTag}-DIFF`;
    const answers = await together(8, (i) => post('/v1/disbursement-batches', 'finance-system', batch(batchId, i % 2 ? 10_001 : 10_002)));
    const first = answers.findIndex((a) => a.status === 201);
    const winner = first % 2;
    const winningHash = answers[first].body.record.contentHash;
    for (const [i, answer] of answers.entries()) {
      if (i % 2 === winner) expect([answer.status, answer.body.record.contentHash]).toEqual([201, winningHash]);
      else expect([answer.status, answer.body.error.code]).toEqual([409, 'BATCH_CONFLICT']);
    }
  });
});

it("two batches sharing one subject's period, posted at once, both commit: one line POSTED, the other REJECTED DUPLICATE", async () => {
  const batchOf = (name: string, own: string) => ({
    batchId: `RB-${runTag}-${name}`, programmeId, period: '2026-08',
    lines: [batchLine(`RB-${runTag}-${name}-shared`, dave), batchLine(`RB-${runTag}-${name}-own`, own)],
  });
  const [a, b] = await Promise.all([
    post('/v1/disbursement-batches', 'finance-system', batchOf('A', erin)),
    post('/v1/disbursement-batches', 'finance-system', batchOf('B', frank)),
  ]);
  expect([a.status, b.status]).toEqual([201, 201]);
  const shared = [a, b].map((answer) => answer.body.record.results[0]);
  expect(shared.map((r) => r.status).sort()).toEqual(['POSTED', 'REJECTED']);
  expect(shared.find((r) => r.status === 'REJECTED').reasonCode).toBe('DUPLICATE');
  // the lines that share nothing are POSTED in both batches
  expect([a, b].map((answer) => answer.body.record.results[1].status)).toEqual(['POSTED', 'POSTED']);
  expect(a.body.txId).not.toBe(b.body.txId);

  const daves = (await linesInHistory(dave)).filter((l) => l.lineId.includes('-shared'));
  expect(daves.map((l) => `${l.status} ${l.reasonCode}`).sort()).toEqual(['POSTED null', 'REJECTED DUPLICATE']);
});

it('20 requests with one Idempotency-Key at once write once and all get the first answer', async () => {
  const body = line(`RACE-${runTag}-IDEM`, alice, '2026-09');
  const send = () =>
    fetch(urlFor('finance-system') + '/v1/disbursements', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey('finance-system')}`, 'content-type': 'application/json', 'idempotency-key': `race-${runTag}` },
      body: JSON.stringify(body),
    });
  let answers: Array<{ status: number; replayed: string | null; body: any }> = [];
  const { before, after } = await heightAround(async () => {
    answers = await together(20, async () => {
      const res = await send();
      return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: await res.json() };
    });
  });
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
  expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(19);
  for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
  expect(answers[0].body.replay).toBe(false);
  expect(after - before).toBe(1); // one transaction, in one block
});

it('concurrent transitions of one eligibility: one is applied, the others are refused INVALID_TRANSITION, none fails', async () => {
  const citizenId = citizenOfRun(720, '310109');
  const grant = { citizenId, programmeId, validFrom: '2026-01-01', districtCode: '310109', decisionRef: 'RACE-T', checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'x' }] };
  expect((await post('/v1/eligibility/grant', 'civil-affairs-system', grant)).status).toBe(201);

  const suspend = { citizenId, programmeId, reason: 'INCOME_REVIEW', decisionRef: 'RACE-S' };
  const revoke = { citizenId, programmeId, reason: 'MOVED_AWAY', decisionRef: 'RACE-R' };
  const answers = await together(6, (i) => post(i % 2 ? '/v1/eligibility/suspend' : '/v1/eligibility/revoke', 'civil-affairs-system', i % 2 ? suspend : revoke));
  for (const answer of answers) expect([201, 409]).toContain(answer.status);
  const applied = answers.filter((a) => a.status === 201);
  for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error.code).toBe('INVALID_TRANSITION');
  // Suspend then revoke is a legal order; revoke then suspend is not. Either way each applied change is its own transaction.
  expect(new Set(applied.map((a) => a.body.txId)).size).toBe(applied.length);
  expect(applied.length).toBeGreaterThanOrEqual(1);
  expect(applied.length).toBeLessThanOrEqual(2);
  const statuses = applied.map((a) => a.body.record.status);
  if (applied.length === 2) expect(statuses).toEqual(expect.arrayContaining(['SUSPENDED', 'REVOKED']));
});

it('one settlement sent 5 times at once: every caller gets the settled line and the receipt of the settling transaction', async () => {
  const lineId = `RACE-${runTag}-SETTLE`;
  const posted = await post('/v1/disbursements', 'finance-system', line(lineId, bob, '2026-10'));
  expect(posted.status).toBe(201);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
  const settlement = { outcome: 'SETTLED', bankRef: `BANK-${runTag}`, date: today };
  const answers = await together(5, () => post(`/v1/disbursements/${lineId}/settlement`, 'finance-system', settlement));
  expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
  const settledBy = answers[0].body.record.settlement.txId;
  expect(settledBy).not.toBe(posted.body.txId);
  for (const answer of answers) {
    expect(answer.body.record).toEqual(answers[0].body.record);
    expect(answer.body.txId).toBe(settledBy);
  }
  expect(answers.filter((a) => a.body.replay === false)).toHaveLength(1);
});

/**
 * The rules that stop a wrong payment, end to end on the real network: a month's batch with a
 * line for each rejection reason, a death recorded after a payment, and identities of the wrong
 * org refused by the chaincode itself.
 */
import { EndorseError } from '@hyperledger/fabric-gateway';
import { citizenOfRun, get, post, runTag } from './support/api';
import { connectDirect } from './support/fabric-client';

const programmeId = `RULES_${runTag}`;
const account = (n: number) => `62220200000${String(n).padStart(5, '0')}`;
const [eligible, notEligible, deceased, paidAlready, overCap, badAmount, diesLater] = [1, 2, 3, 4, 5, 6, 7].map((n) => citizenOfRun(n));

async function grant(citizenId: string): Promise<string> {
  const answer = await post('/v1/eligibility/grant', 'civil-affairs-system', {
    citizenId, programmeId, validFrom: '2026-01-01', districtCode: '310105', decisionRef: `RULES-${runTag}`,
    checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }, { check: 'ECONOMIC_STATUS', result: 'PASS', sourceSystem: 'finance-bureau' }],
  });
  expect(answer.status).toBe(201);
  return answer.body.record.subjectRef;
}

const line = (lineId: string, citizenId: string, n: number, amountFen = 20000) => ({
  lineId: `${runTag}-${lineId}`, citizenId, amountFen, bankAccount: account(n), kind: 'REGULAR',
});

async function readOnPeer(mspId: string, fn: string, ...args: string[]): Promise<any> {
  const client = connectDirect(mspId);
  try {
    return JSON.parse(Buffer.from(await client.contract.evaluateTransaction(fn, ...args)).toString('utf8'));
  } finally {
    client.close();
  }
}

async function refusalOf(mspId: string, fn: string, ...args: string[]): Promise<string> {
  const client = connectDirect(mspId);
  try {
    const outcome = await client.contract.submitTransaction(fn, ...args).then(() => undefined, (err: unknown) => err);
    expect(outcome).toBeInstanceOf(EndorseError);
    return (outcome as EndorseError).details.map((d) => d.message).join(' ');
  } finally {
    client.close();
  }
}

const subjectRefs = new Map<string, string>();

beforeAll(async () => {
  const created = await post('/v1/programmes', 'civil-affairs-system', {
    id: programmeId, nameEn: 'Rules test subsidy', nameZh: '规则测试补贴', monthlyCapFen: 25000,
  });
  expect(created.status).toBe(201);
  for (const citizenId of [eligible, deceased, paidAlready, overCap, badAmount, diesLater]) subjectRefs.set(citizenId, await grant(citizenId));
  expect((await post('/v1/deaths', 'civil-affairs-system', { citizenId: deceased, dateOfDeath: '2026-02-10', source: 'CITY_DEATH_DB' })).status).toBe(201);
  const single = await post('/v1/disbursements', 'finance-system', { ...line('EARLIER', paidAlready, 4), programmeId, period: '2026-06' });
  expect(single.status).toBe(201);
});

describe('a month of payments checked line by line', () => {
  const batch = () => ({
    batchId: `B-${runTag}-2026-06`,
    programmeId,
    period: '2026-06',
    lines: [
      line('OK', eligible, 1),
      line('INVALID', badAmount, 6, -500),
      line('NOT-ELIGIBLE', notEligible, 2),
      line('DECEASED', deceased, 3),
      line('DUPLICATE-LEDGER', paidAlready, 4),
      line('DUPLICATE-BATCH', eligible, 1),
      line('OVER-CAP', overCap, 5, 30000),
    ],
  });

  it('each line is POSTED or REJECTED with exactly one reason, in the order the rules run', async () => {
    const answer = await post('/v1/disbursement-batches', 'finance-system', batch());
    expect(answer.status).toBe(201);
    const byLine = Object.fromEntries(answer.body.record.results.map((r: any) => [r.lineId.replace(`${runTag}-`, ''), r.reasonCode ?? r.status]));
    expect(byLine).toEqual({
      OK: 'POSTED',
      INVALID: 'INVALID_AMOUNT',
      'NOT-ELIGIBLE': 'NOT_ELIGIBLE',
      DECEASED: 'DECEASED',
      'DUPLICATE-LEDGER': 'DUPLICATE',
      'DUPLICATE-BATCH': 'DUPLICATE',
      'OVER-CAP': 'AMOUNT_EXCEEDS_STANDARD',
    });
    expect(answer.body.record).toMatchObject({ lineCount: 7, postedCount: 1, rejectedCount: 6, postedTotalFen: 20000 });
  });

  it('rejected lines are recorded on the ledger as evidence of the attempted payment', async () => {
    const rejected = await get(`/v1/disbursements/${runTag}-DECEASED?purpose=AUDIT`, 'audit-system');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', reasonCode: 'DECEASED', amountFen: 20000 });
    expect(rejected.body.accessEvent.txId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('re-posting the same batch returns the first result; different content under its id is a 409 BATCH_CONFLICT', async () => {
    const first = await get(`/v1/disbursement-batches/B-${runTag}-2026-06`, 'finance-system');
    const again = await post('/v1/disbursement-batches', 'finance-system', batch());
    expect(again.status).toBe(201);
    expect(again.body.record).toEqual(first.body);
    const changed = batch();
    changed.lines[0].amountFen = 19999;
    const conflict = await post('/v1/disbursement-batches', 'finance-system', changed);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('BATCH_CONFLICT');
  });

  it('a batch for a programme that does not exist has every line rejected UNKNOWN_PROGRAM', async () => {
    const answer = await post('/v1/disbursement-batches', 'finance-system', {
      batchId: `B-${runTag}-NOPROG`, programmeId: `NOPE_${runTag}`, period: '2026-06', lines: [line('NOPROG-1', eligible, 1), line('NOPROG-2', overCap, 5)],
    });
    expect(answer.status).toBe(201);
    expect(answer.body.record.results.map((r: any) => r.reasonCode)).toEqual(['UNKNOWN_PROGRAM', 'UNKNOWN_PROGRAM']);
  });
});

describe('a death recorded after a payment', () => {
  it('flags the payment for the month after the death as an overpayment and suspends the eligibility', async () => {
    for (const period of ['2026-03', '2026-04']) {
      const paid = await post('/v1/disbursements', 'finance-system', { ...line(`DIES-${period}`, diesLater, 7), programmeId, period });
      expect(paid.status).toBe(201);
    }
    const death = await post('/v1/deaths', 'civil-affairs-system', { citizenId: diesLater, dateOfDeath: '2026-03-20', source: 'CITY_DEATH_DB' });
    expect(death.status).toBe(201);

    const overpayment = await readOnPeer('AuditMSP', 'disbursement:ReadOverpayment', `${runTag}-DIES-2026-04`);
    expect(overpayment).toMatchObject({ status: 'OPEN', reason: 'DECEASED', amountFen: 20000, dateOfDeath: '2026-03-20', flaggedTxId: death.body.txId });
    await expect(readOnPeer('AuditMSP', 'disbursement:ReadOverpayment', `${runTag}-DIES-2026-03`)).rejects.toThrow();

    const eligibility = await readOnPeer('FinanceMSP', 'eligibility:ReadEligibility', subjectRefs.get(diesLater)!, programmeId);
    expect(eligibility).toMatchObject({ status: 'SUSPENDED', reason: 'DECEASED' });
  });

  it("rejects next month's payment DECEASED", async () => {
    const next = await post('/v1/disbursements', 'finance-system', { ...line('DIES-2026-05', diesLater, 7), programmeId, period: '2026-05' });
    expect(next.status).toBe(422);
    expect(next.body.error.code).toBe('DECEASED');
  });

  it('recording the same death again changes nothing; another date is a 409 DEATH_CONFLICT', async () => {
    const same = await post('/v1/deaths', 'civil-affairs-system', { citizenId: diesLater, dateOfDeath: '2026-03-20', source: 'CITY_DEATH_DB' });
    expect(same.status).toBe(201);
    const other = await post('/v1/deaths', 'civil-affairs-system', { citizenId: diesLater, dateOfDeath: '2026-03-21', source: 'CITY_DEATH_DB' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('DEATH_CONFLICT');
  });
});

describe('identities of the wrong organisation are refused by the chaincode itself', () => {
  it('a FinanceMSP identity cannot record a death', async () => {
    const message = await refusalOf('FinanceMSP', 'death:RecordDeath', JSON.stringify({ subjectRef: 'a'.repeat(64), dateOfDeath: '2026-01-01', source: 'X' }));
    expect(message).toContain('[FORBIDDEN]');
  });

  it('an AuditMSP identity cannot post a disbursement batch', async () => {
    const message = await refusalOf('AuditMSP', 'disbursement:PostBatch', JSON.stringify({
      batchId: `B-${runTag}-AUDIT`, programmeId, period: '2026-06',
      lines: [{ lineId: `${runTag}-AUDIT-1`, subjectRef: 'a'.repeat(64), amountFen: 100, accountRef: 'b'.repeat(64), kind: 'REGULAR' }],
    }));
    expect(message).toContain('[FORBIDDEN]');
    expect((await get(`/v1/disbursement-batches/B-${runTag}-AUDIT`, 'audit-system')).status).toBe(404);
  });

  it('a CivilAffairsMSP identity cannot settle a payment', async () => {
    const message = await refusalOf('CivilAffairsMSP', 'disbursement:SettleLine', JSON.stringify({ lineId: `${runTag}-OK`, outcome: 'SETTLED', bankRef: 'BANK-1', date: '2026-06-30' }));
    expect(message).toContain('[FORBIDDEN]');
  });
});

import type { Death, DisbursementLine, Eligibility, LedgerEvent, Overpayment } from '../lib/records';
import { DISABILITY_LIVING, MINIMUM_LIVING, grantFor, json, lineFor, pseudonym } from '../testing/fixtures';
import { IDENTITIES, TestLedger } from '../testing/network';
import { DeathContract } from './death';
import { DisbursementContract } from './disbursement';
import { EligibilityContract } from './eligibility';
import { ProgrammeContract } from './programme';

const { civilAffairs, finance, audit } = IDENTITIES;
const programmes = new ProgrammeContract();
const eligibility = new EligibilityContract();
const deaths = new DeathContract();
const disbursement = new DisbursementContract();

const alice = pseudonym('alice');
const death = { subjectRef: alice, dateOfDeath: '2024-05-03', source: 'CITY_DEATH_REGISTRY' };

const post = (ledger: TestLedger, line: object) =>
  ledger.submit<DisbursementContract, DisbursementLine>(disbursement, 'PostDisbursement', finance, json(line));
const recordDeath = (ledger: TestLedger, input: object = death, who = civilAffairs) =>
  ledger.submit<DeathContract, Death>(deaths, 'RecordDeath', who, json(input));

/** Alice: eligible for two programmes since January, paid for April to July 2024 under MINIMUM_LIVING. */
async function aliceWithPayments(): Promise<TestLedger> {
  const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
  await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
  await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(DISABILITY_LIVING));
  await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice)));
  await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice, 'DISABILITY_LIVING')));
  for (const period of ['2024-04', '2024-05', '2024-06', '2024-07']) {
    await post(ledger, lineFor(`L-${period}`, alice, { period }));
  }
  await post(ledger, lineFor('L-2024-06-SUP', alice, { period: '2024-06', kind: 'SUPPLEMENT', amountFen: 10_000 }));
  return ledger;
}

describe('the death registry', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await aliceWithPayments();
  });

  it('records a death with the transaction time and the recording org', async () => {
    const { result, txId } = await recordDeath(ledger);
    expect(result).toEqual({ ...death, recordedAt: expect.stringMatching(/^2024-06-20T/), recordedByMsp: 'CivilAffairsMSP', txId });
    await expect(ledger.evaluate(deaths, 'ReadDeath', audit, alice)).resolves.toEqual(result);
  });

  it('suspends every ACTIVE eligibility of the subject with reason DECEASED, in the same transaction', async () => {
    const { txId } = await recordDeath(ledger);
    const list = await ledger.evaluate<EligibilityContract, Eligibility[]>(eligibility, 'ListBySubject', audit, alice);
    expect(list).toHaveLength(2);
    for (const e of list) expect(e).toMatchObject({ status: 'SUSPENDED', reason: 'DECEASED', lastAction: 'SUSPEND', txId });
  });

  it('leaves an eligibility that was not ACTIVE as it was', async () => {
    await ledger.submit(eligibility, 'Revoke', civilAffairs, json({ subjectRef: alice, programmeId: 'DISABILITY_LIVING', reason: 'MOVED_AWAY', decisionRef: 'r' }));
    await recordDeath(ledger);
    const revoked = await ledger.evaluate<EligibilityContract, Eligibility>(eligibility, 'ReadEligibility', audit, alice, 'DISABILITY_LIVING');
    expect(revoked).toMatchObject({ status: 'REVOKED', reason: 'MOVED_AWAY' });
  });

  it('flags every payment for a period after the month of death as an OPEN overpayment, and none before', async () => {
    const { txId, event } = await recordDeath(ledger);
    const overpayments = await ledger.evaluate<DisbursementContract, Overpayment[]>(disbursement, 'ListOverpayments', audit, alice);
    expect(overpayments.map((o) => o.lineId).sort()).toEqual(['L-2024-06', 'L-2024-06-SUP', 'L-2024-07']);
    const june = await ledger.evaluate<DisbursementContract, Overpayment>(disbursement, 'ReadOverpayment', finance, 'L-2024-06');
    expect(june).toEqual({
      lineId: 'L-2024-06',
      subjectRef: alice,
      programmeId: 'MINIMUM_LIVING',
      period: '2024-06',
      amountFen: 120_000,
      reason: 'DECEASED',
      dateOfDeath: '2024-05-03',
      status: 'OPEN',
      flaggedAt: expect.any(String),
      flaggedTxId: txId,
      recovery: null,
    });
    await expect(ledger.evaluate(disbursement, 'ReadOverpayment', finance, 'L-2024-05')).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.evaluate(disbursement, 'ReadOverpayment', finance, 'L-none')).rejects.toThrow('[NOT_FOUND]');
    expect((event as LedgerEvent).changes.map((c) => c.kind)).toEqual([
      'Death',
      'Eligibility',
      'Eligibility',
      'Overpayment',
      'Overpayment',
      'Overpayment',
    ]);
  });

  it('a line for a period after the month of death is rejected DECEASED', async () => {
    await recordDeath(ledger);
    await expect(post(ledger, lineFor('L-2024-08', alice, { period: '2024-08' }))).rejects.toThrow('[DECEASED]');
  });

  it('a line for the month of death is still payable', async () => {
    await recordDeath(ledger, { ...death, dateOfDeath: '2024-03-31' });
    const { result } = await post(ledger, lineFor('L-2024-03', alice, { period: '2024-03' }));
    expect(result.status).toBe('POSTED');
  });

  it('a payment reads the death record only for an eligibility suspended for a death (an ACTIVE one never outlives a death)', async () => {
    const deathKey = `\u0000death\u0000${alice}\u0000`;
    const alive = await post(ledger, lineFor('L-2024-03-DIS', alice, { period: '2024-03', programmeId: 'DISABILITY_LIVING', amountFen: 20_000 }));
    expect(alive.reads).not.toContain(deathKey);
    await recordDeath(ledger, { ...death, dateOfDeath: '2024-03-31' });
    const afterDeath = await post(ledger, lineFor('L-2024-03', alice, { period: '2024-03' }));
    expect(afterDeath.reads).toContain(deathKey);
  });

  it('a subject suspended for another reason before dying is NOT_ELIGIBLE rather than DECEASED', async () => {
    await ledger.submit(eligibility, 'Suspend', civilAffairs, json({ subjectRef: alice, programmeId: 'MINIMUM_LIVING', reason: 'REVIEW', decisionRef: 'r' }));
    await recordDeath(ledger);
    await expect(post(ledger, lineFor('L-2024-08', alice, { period: '2024-08' }))).rejects.toThrow('[NOT_ELIGIBLE]');
  });

  it('a deceased subject can be neither reinstated nor granted eligibility: DECEASED', async () => {
    await recordDeath(ledger);
    await expect(
      ledger.submit(eligibility, 'Reinstate', civilAffairs, json({ subjectRef: alice, programmeId: 'MINIMUM_LIVING', decisionRef: 'r' })),
    ).rejects.toThrow('[DECEASED]');
    await ledger.submit(eligibility, 'Revoke', civilAffairs, json({ subjectRef: alice, programmeId: 'MINIMUM_LIVING', reason: 'DECEASED', decisionRef: 'r' }));
    await expect(ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice)))).rejects.toThrow('[DECEASED]');
  });

  it('recording the same death twice is a no-op returning the record', async () => {
    const first = await recordDeath(ledger);
    const again = await recordDeath(ledger, { ...death, source: 'HOSPITAL_REPORT' });
    expect(again.result).toEqual(first.result);
    expect(again.writes).toBe(0);
    expect(again.event).toBeNull();
  });

  it('a death with a different date for the same subject is refused DEATH_CONFLICT', async () => {
    await recordDeath(ledger);
    await expect(recordDeath(ledger, { ...death, dateOfDeath: '2024-05-04' })).rejects.toThrow('[DEATH_CONFLICT]');
  });

  it('a death dated in the future (Shanghai calendar) is refused VALIDATION', async () => {
    // 2024-06-20T01:00Z is 09:00 on the 20th in Shanghai: the 20th is today, the 21st is not yet.
    await expect(recordDeath(ledger, { ...death, dateOfDeath: '2024-06-21' })).rejects.toThrow('[VALIDATION] death.dateOfDeath');
    await expect(recordDeath(ledger, { ...death, dateOfDeath: '2024-06-20' })).resolves.toBeDefined();
  });

  it('a death of a subject with no eligibility or payments is simply recorded', async () => {
    const { event } = await recordDeath(ledger, { ...death, subjectRef: pseudonym('carol') });
    expect(event?.changes.map((c) => c.kind)).toEqual(['Death']);
  });

  it.each([
    ['an impossible date', { dateOfDeath: '2024-02-30' }, 'death.dateOfDeath'],
    ['a lower-case source', { source: 'registry' }, 'death.source'],
    ['an unknown field', { cause: 'x' }, 'death.cause'],
  ])('a death with %s is refused VALIDATION', async (_name, change, field) => {
    await expect(recordDeath(ledger, { ...death, ...change })).rejects.toThrow(`[VALIDATION] ${field}`);
  });

  it('finance and audit may not record deaths', async () => {
    await expect(recordDeath(ledger, death, finance)).rejects.toThrow('[FORBIDDEN]');
    await expect(recordDeath(ledger, death, audit)).rejects.toThrow('[FORBIDDEN]');
  });

  it('reading a death not recorded is NOT_FOUND', async () => {
    await expect(ledger.evaluate(deaths, 'ReadDeath', audit, alice)).rejects.toThrow('[NOT_FOUND]');
  });
});

describe('payments made in advance, found by period (paid periods are keyed for batches, not by subject)', () => {
  it('flags a payment for a period up to 24 months past the month the death is recorded in, and looks no further', async () => {
    const ledger = await aliceWithPayments();
    await post(ledger, lineFor('L-2026-06', alice, { period: '2026-06' }));
    await post(ledger, lineFor('L-2026-07', alice, { period: '2026-07' }));
    const { reads } = await recordDeath(ledger);
    const overpayments = await ledger.evaluate<DisbursementContract, Overpayment[]>(disbursement, 'ListOverpayments', audit, alice);
    expect(overpayments.map((o) => o.lineId).sort()).toEqual(['L-2024-06', 'L-2024-06-SUP', 'L-2024-07', 'L-2026-06']);
    // Two programmes with an eligibility, 2024-06 to 2026-06 each: 25 periods.
    expect(reads.filter((key) => key.startsWith('\u0000paidPeriod\u0000'))).toHaveLength(2 * 25);
  });

  it('reads no paid period of a programme the subject was never eligible for', async () => {
    const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
    await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(DISABILITY_LIVING));
    await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice, 'DISABILITY_LIVING')));
    const { reads } = await recordDeath(ledger);
    expect(reads.filter((key) => key.startsWith('\u0000paidPeriod\u0000MINIMUM_LIVING\u0000'))).toEqual([]);
    expect(reads.filter((key) => key.startsWith('\u0000paidPeriod\u0000DISABILITY_LIVING\u0000'))).toHaveLength(25);
  });
});

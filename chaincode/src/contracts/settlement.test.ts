import type { DisbursementLine, Overpayment } from '../lib/records';
import { MINIMUM_LIVING, grantFor, json, lineFor, pseudonym } from '../testing/fixtures';
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

const settled = { lineId: 'L1', outcome: 'SETTLED', bankRef: 'ICBC-20240621-0001', date: '2024-06-21' };
const returned = { ...settled, outcome: 'RETURNED', bankRef: 'ICBC-RET-0001' };

const settle = (ledger: TestLedger, input: object, who = finance) =>
  ledger.submit<DisbursementContract, DisbursementLine>(disbursement, 'SettleLine', who, json(input));
const post = (ledger: TestLedger, line: object) =>
  ledger.submit<DisbursementContract, DisbursementLine>(disbursement, 'PostDisbursement', finance, json(line));

async function aPostedLine(): Promise<TestLedger> {
  const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
  await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
  await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice)));
  await post(ledger, lineFor('L1', alice));
  ledger.world.setTime('2024-06-22T01:00:00.000Z');
  return ledger;
}

describe('settlement', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await aPostedLine();
  });

  it('moves a POSTED line to SETTLED with the bank reference and date', async () => {
    const { result, txId, event } = await settle(ledger, settled);
    expect(result).toMatchObject({
      status: 'SETTLED',
      settlement: { outcome: 'SETTLED', bankRef: 'ICBC-20240621-0001', date: '2024-06-21', recordedAt: '2024-06-22T01:00:01.000Z', txId },
    });
    expect(event?.changes.map((c) => c.kind)).toEqual(['DisbursementLine']);
  });

  it('moves a POSTED line to RETURNED, after which the period may be paid again', async () => {
    const { result } = await settle(ledger, returned);
    expect(result.status).toBe('RETURNED');
    const again = await post(ledger, lineFor('L2', alice));
    expect(again.result.status).toBe('POSTED');
  });

  it('a returned SUPPLEMENT frees its amount but the REGULAR payment still blocks a duplicate', async () => {
    await post(ledger, lineFor('SUP', alice, { kind: 'SUPPLEMENT', amountFen: 30_000 }));
    await settle(ledger, { ...returned, lineId: 'SUP', date: '2024-06-22' });
    await expect(post(ledger, lineFor('L2', alice))).rejects.toThrow('[DUPLICATE]');
    await expect(post(ledger, lineFor('SUP2', alice, { kind: 'SUPPLEMENT', amountFen: 30_000 }))).resolves.toBeDefined();
  });

  it('a settled line still counts as paid', async () => {
    await settle(ledger, settled);
    await expect(post(ledger, lineFor('L2', alice))).rejects.toThrow('[DUPLICATE]');
  });

  it('the same settlement again returns the stored line and writes nothing', async () => {
    const first = await settle(ledger, settled);
    const again = await settle(ledger, settled);
    expect(again.result).toEqual(first.result);
    expect(again.writes).toBe(0);
  });

  it.each([
    ['SETTLED', 'RETURNED', settled, returned],
    ['RETURNED', 'SETTLED', returned, settled],
    ['SETTLED', 'SETTLED with another bank reference', settled, { ...settled, bankRef: 'OTHER' }],
  ])('a %s line cannot become %s: INVALID_TRANSITION', async (_from, _to, first, second) => {
    await settle(ledger, first);
    await expect(settle(ledger, second)).rejects.toThrow('[INVALID_TRANSITION]');
  });

  it('a REJECTED line cannot be settled: INVALID_TRANSITION', async () => {
    await ledger.submit(disbursement, 'PostBatch', finance, json({ batchId: 'B1', programmeId: 'MINIMUM_LIVING', period: '2024-06', lines: [{ lineId: 'R1', subjectRef: alice, amountFen: -5, accountRef: alice, kind: 'SUPPLEMENT' }] }));
    await expect(settle(ledger, { ...settled, lineId: 'R1' })).rejects.toThrow('[INVALID_TRANSITION] line R1 is REJECTED');
  });

  it('settling an unknown line is NOT_FOUND', async () => {
    await expect(settle(ledger, { ...settled, lineId: 'L404' })).rejects.toThrow('[NOT_FOUND]');
  });

  it('a settlement dated in the future or before the line was posted is refused VALIDATION', async () => {
    await expect(settle(ledger, { ...settled, date: '2024-06-23' })).rejects.toThrow('[VALIDATION] settlement.date: 2024-06-23 is in the future');
    await expect(settle(ledger, { ...settled, date: '2024-06-19' })).rejects.toThrow('[VALIDATION] settlement.date: 2024-06-19 is before');
  });

  it.each([
    ['an unknown outcome', { outcome: 'PAID' }, 'settlement.outcome'],
    ['a missing bank reference', { bankRef: undefined }, 'settlement.bankRef'],
  ])('a settlement with %s is refused VALIDATION', async (_name, change, field) => {
    await expect(settle(ledger, { ...settled, ...change })).rejects.toThrow(`[VALIDATION] ${field}`);
  });

  it('civil affairs may not settle', async () => {
    await expect(settle(ledger, settled, civilAffairs)).rejects.toThrow('[FORBIDDEN]');
  });
});

describe('overpayments', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await aPostedLine();
    await ledger.submit(deaths, 'RecordDeath', civilAffairs, json({ subjectRef: alice, dateOfDeath: '2024-05-02', source: 'CITY_DEATH_REGISTRY' }));
  });
  const read = () => ledger.evaluate<DisbursementContract, Overpayment>(disbursement, 'ReadOverpayment', audit, 'L1');
  const recovery = { lineId: 'L1', recoveryRef: 'RECOVERY-0042', date: '2024-06-21' };

  it('a returned payment recovers the open overpayment on its line', async () => {
    const { event, txId } = await settle(ledger, returned);
    expect(await read()).toMatchObject({
      status: 'RECOVERED',
      recovery: { ref: 'ICBC-RET-0001', date: '2024-06-21', txId },
    });
    expect(event?.changes.map((c) => c.kind)).toEqual(['DisbursementLine', 'Overpayment']);
  });

  it('a settled payment leaves the overpayment open', async () => {
    await settle(ledger, settled);
    expect((await read()).status).toBe('OPEN');
  });

  it('finance records a recovery: OPEN becomes RECOVERED once', async () => {
    const { result } = await ledger.submit<DisbursementContract, Overpayment>(disbursement, 'RecoverOverpayment', finance, json(recovery));
    expect(result).toMatchObject({ status: 'RECOVERED', recovery: { ref: 'RECOVERY-0042', date: '2024-06-21' } });
    const again = await ledger.submit(disbursement, 'RecoverOverpayment', finance, json(recovery));
    expect(again.writes).toBe(0);
    await expect(ledger.submit(disbursement, 'RecoverOverpayment', finance, json({ ...recovery, recoveryRef: 'OTHER' }))).rejects.toThrow(
      '[INVALID_TRANSITION]',
    );
  });

  it('a recovery for a line without an overpayment is NOT_FOUND; a future recovery date is VALIDATION', async () => {
    await expect(ledger.submit(disbursement, 'RecoverOverpayment', finance, json({ ...recovery, lineId: 'L404' }))).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.submit(disbursement, 'RecoverOverpayment', finance, json({ ...recovery, date: '2030-01-01' }))).rejects.toThrow(
      '[VALIDATION] recovery.date',
    );
  });

  it('a line returned before the death was recorded is not an overpayment', async () => {
    const fresh = await aPostedLine();
    await settle(fresh, returned);
    await fresh.submit(deaths, 'RecordDeath', civilAffairs, json({ subjectRef: alice, dateOfDeath: '2024-05-02', source: 'CITY_DEATH_REGISTRY' }));
    await expect(fresh.evaluate(disbursement, 'ListOverpayments', audit, alice)).resolves.toEqual([]);
  });
});

import type { DisbursementLine } from '../lib/records';
import { MINIMUM_LIVING, grantFor, json, lineFor, pseudonym } from '../testing/fixtures';
import { IDENTITIES, TestLedger } from '../testing/network';
import { DisbursementContract } from './disbursement';
import { EligibilityContract } from './eligibility';
import { ProgrammeContract } from './programme';

const { civilAffairs, finance, audit } = IDENTITIES;
const programmes = new ProgrammeContract();
const eligibility = new EligibilityContract();
const disbursement = new DisbursementContract();

const alice = pseudonym('alice');
const bob = pseudonym('bob');

async function aLedgerWithAliceEligible(): Promise<TestLedger> {
  const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
  await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
  await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice)));
  return ledger;
}

const post = (ledger: TestLedger, line: object, who = finance) =>
  ledger.submit<DisbursementContract, DisbursementLine>(disbursement, 'PostDisbursement', who, json(line));

describe('a single disbursement line', () => {
  let ledger: TestLedger;

  beforeEach(async () => {
    ledger = await aLedgerWithAliceEligible();
  });

  it('finance posts a line for an eligible subject: it is POSTED with the transaction time and id', async () => {
    const { result, txId, event } = await post(ledger, lineFor('L-2024-06-0001', alice));
    expect(result).toEqual({
      ...lineFor('L-2024-06-0001', alice),
      batchId: null,
      status: 'POSTED',
      reasonCode: null,
      postedAt: '2024-06-20T01:00:03.000Z',
      postedByMsp: 'FinanceMSP',
      txId,
      settlement: null,
    });
    expect(event?.changes).toEqual([{ kind: 'DisbursementLine', key: 'L-2024-06-0001', record: result }]);
    await expect(ledger.evaluate(disbursement, 'ReadDisbursement', audit, 'L-2024-06-0001')).resolves.toEqual(result);
  });

  it('a line of an unknown programme is refused UNKNOWN_PROGRAM and nothing is written', async () => {
    const before = ledger.stateSize;
    await expect(post(ledger, lineFor('L1', alice, { programmeId: 'ELDERLY_ALLOWANCE' }))).rejects.toThrow('[UNKNOWN_PROGRAM]');
    expect(ledger.stateSize).toBe(before);
  });

  it.each([0, -100, 12.5, 2 ** 53, 1e21])('a line of amount %p is refused INVALID_AMOUNT', async (amountFen) => {
    await expect(post(ledger, lineFor('L1', alice, { amountFen }))).rejects.toThrow('[INVALID_AMOUNT]');
  });

  it('the unknown programme is reported before the invalid amount', async () => {
    await expect(post(ledger, lineFor('L1', alice, { programmeId: 'NOPE', amountFen: -1 }))).rejects.toThrow('[UNKNOWN_PROGRAM]');
  });

  it('a line for a subject with no eligibility is refused NOT_ELIGIBLE', async () => {
    await expect(post(ledger, lineFor('L1', bob))).rejects.toThrow('[NOT_ELIGIBLE]');
  });

  it('a line for a period before the eligibility starts is refused NOT_ELIGIBLE', async () => {
    await expect(post(ledger, lineFor('L1', alice, { period: '2023-12' }))).rejects.toThrow('[NOT_ELIGIBLE]');
  });

  it('a second REGULAR line for the same subject, programme and period is refused DUPLICATE', async () => {
    await post(ledger, lineFor('L1', alice, { amountFen: 50_000 }));
    await expect(post(ledger, lineFor('L2', alice, { amountFen: 50_000 }))).rejects.toThrow('[DUPLICATE]');
  });

  it('a SUPPLEMENT line in the same period is not a duplicate', async () => {
    await post(ledger, lineFor('L1', alice, { amountFen: 100_000 }));
    const { result } = await post(ledger, lineFor('L2', alice, { amountFen: 30_000, kind: 'SUPPLEMENT' }));
    expect(result.status).toBe('POSTED');
  });

  it("a line that takes the period total over the programme's monthly cap is refused AMOUNT_EXCEEDS_STANDARD", async () => {
    await post(ledger, lineFor('L1', alice, { amountFen: 100_000 }));
    await expect(post(ledger, lineFor('L2', alice, { amountFen: 50_001, kind: 'SUPPLEMENT' }))).rejects.toThrow('[AMOUNT_EXCEEDS_STANDARD]');
    await expect(post(ledger, lineFor('L3', alice, { amountFen: 150_001 }))).rejects.toThrow('[DUPLICATE]');
    const { result } = await post(ledger, lineFor('L4', alice, { amountFen: 50_000, kind: 'SUPPLEMENT' }));
    expect(result.status).toBe('POSTED');
  });

  it('a single line over the cap on its own is refused AMOUNT_EXCEEDS_STANDARD', async () => {
    await expect(post(ledger, lineFor('L1', alice, { amountFen: 150_001 }))).rejects.toThrow('[AMOUNT_EXCEEDS_STANDARD]');
  });

  it('posting the same line again returns the stored record and writes nothing', async () => {
    const first = await post(ledger, lineFor('L1', alice));
    const again = await post(ledger, lineFor('L1', alice));
    expect(again.result).toEqual(first.result);
    expect(again.writes).toBe(0);
    expect(again.event).toBeNull();
  });

  it('different content under an existing lineId is refused LINE_CONFLICT', async () => {
    await post(ledger, lineFor('L1', alice));
    await expect(post(ledger, lineFor('L1', alice, { amountFen: 1 }))).rejects.toThrow('[LINE_CONFLICT]');
    await expect(post(ledger, lineFor('L1', alice, { period: '2024-07' }))).rejects.toThrow('[LINE_CONFLICT]');
  });

  it('civil affairs and audit may not post disbursements', async () => {
    await expect(post(ledger, lineFor('L1', alice), civilAffairs)).rejects.toThrow('[FORBIDDEN]');
    await expect(post(ledger, lineFor('L1', alice), audit)).rejects.toThrow('[FORBIDDEN]');
  });

  it.each([
    ['a subjectRef that is a raw citizen id', { subjectRef: '31010419800101001X' }, 'line.subjectRef'],
    ['an upper-case accountRef', { accountRef: pseudonym('x').toUpperCase() }, 'line.accountRef'],
    ['a period that is a date', { period: '2024-06-01' }, 'line.period'],
    ['month 13', { period: '2024-13' }, 'line.period'],
    ['an unknown kind', { kind: 'BONUS' }, 'line.kind'],
    ['an amount that is not a number', { amountFen: { fen: 1 } }, 'line.amountFen'],
    ['a lineId with spaces', { lineId: 'L 1' }, 'line.lineId'],
    ['an unknown field', { note: 'hello' }, 'line.note'],
  ])('a line with %s is refused VALIDATION', async (_name, change, field) => {
    await expect(post(ledger, lineFor('L1', alice, change))).rejects.toThrow(`[VALIDATION] ${field}`);
  });

  it('reading an unknown line is NOT_FOUND', async () => {
    await expect(ledger.evaluate(disbursement, 'ReadDisbursement', finance, 'L404')).rejects.toThrow('[NOT_FOUND]');
  });
});

describe('eligibility as the line checks see it', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = new TestLedger('2024-06-20T01:00:00.000Z');
    await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
  });

  it('a line for a period after the eligibility ended is refused NOT_ELIGIBLE; the last month is still covered', async () => {
    await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice, 'MINIMUM_LIVING', { validTo: '2024-03-01' })));
    await expect(post(ledger, lineFor('L-04', alice, { period: '2024-04' }))).rejects.toThrow('[NOT_ELIGIBLE]');
    await expect(post(ledger, lineFor('L-03', alice, { period: '2024-03' }))).resolves.toMatchObject({ result: { status: 'POSTED' } });
  });

  it('a manual suspension giving the reason DECEASED, with no death recorded, is simply NOT_ELIGIBLE', async () => {
    await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice)));
    await ledger.submit(eligibility, 'Suspend', civilAffairs, json({ subjectRef: alice, programmeId: 'MINIMUM_LIVING', reason: 'DECEASED', decisionRef: 'r' }));
    await expect(post(ledger, lineFor('L1', alice))).rejects.toThrow('[NOT_ELIGIBLE]');
  });

  it.each(['120000', '9'.repeat(65), null])('an amount given as %p is not a number at all: refused VALIDATION, as the gateway refuses it', async (amountFen) => {
    const before = ledger.stateSize;
    await expect(post(ledger, lineFor('L1', alice, { amountFen }))).rejects.toThrow('[VALIDATION] line.amountFen: must be of type number');
    expect(ledger.stateSize).toBe(before);
  });

  it('a single line reusing the id of a rejected batch line is refused LINE_CONFLICT', async () => {
    await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice)));
    const { programmeId: _p, period: _q, ...line } = lineFor('L1', alice, { amountFen: 12.5 });
    await ledger.submit(disbursement, 'PostBatch', finance, json({ batchId: 'B1', programmeId: 'MINIMUM_LIVING', period: '2024-06', lines: [line] }));
    await expect(post(ledger, lineFor('L1', alice, { amountFen: 12.5 }))).rejects.toThrow('[LINE_CONFLICT]');
  });

  it('a batch whose lines are not a list is refused VALIDATION', async () => {
    await expect(
      ledger.submit(disbursement, 'PostBatch', finance, json({ batchId: 'B1', programmeId: 'MINIMUM_LIVING', period: '2024-06', lines: {} })),
    ).rejects.toThrow('[VALIDATION] batch.lines: must be an array');
  });

  it('a date that is not YYYY-MM-DD is refused VALIDATION', async () => {
    await expect(ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(alice, 'MINIMUM_LIVING', { validFrom: '2024/01/01' })))).rejects.toThrow(
      '[VALIDATION] grant.validFrom',
    );
  });
});

import type { DisbursementBatch, DisbursementLine, Overpayment } from '../lib/records';
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

const who = {
  ann: pseudonym('ann'),
  ben: pseudonym('ben'),
  stranger: pseudonym('stranger'),
  late: pseudonym('late'),
  paid: pseudonym('paid-already'),
  greedy: pseudonym('greedy'),
};

const batchLine = (lineId: string, subjectRef: string, extra: Record<string, unknown> = {}) => {
  const { programmeId: _p, period: _q, ...line } = lineFor(lineId, subjectRef, extra);
  return line;
};

/** June 2024 for MINIMUM_LIVING: one line of each outcome. */
const juneBatch = {
  batchId: 'B-2024-06-XH',
  programmeId: 'MINIMUM_LIVING',
  period: '2024-06',
  lines: [
    batchLine('J-01', who.ann, { amountFen: 100_000 }),
    batchLine('J-02', who.ben, { amountFen: 120_000 }),
    batchLine('J-03', who.ann, { amountFen: 30_000, kind: 'SUPPLEMENT' }),
    batchLine('J-04', who.stranger),
    batchLine('J-05', who.late),
    batchLine('J-06', who.paid),
    batchLine('J-07', who.ann, { amountFen: 20_000 }),
    batchLine('J-08', who.greedy, { amountFen: 150_001 }),
    batchLine('J-09', who.ben, { amountFen: 0 }),
    batchLine('J-10', who.ben, { amountFen: 12.5 }),
    batchLine('J-11', who.ann, { amountFen: 20_001, kind: 'SUPPLEMENT' }),
  ],
};

async function aDistrict(): Promise<TestLedger> {
  const ledger = new TestLedger('2024-06-25T01:00:00.000Z');
  await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
  for (const subject of [who.ann, who.ben, who.late, who.paid, who.greedy]) {
    await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(subject)));
  }
  await ledger.submit(deaths, 'RecordDeath', civilAffairs, json({ subjectRef: who.late, dateOfDeath: '2024-04-10', source: 'CITY_DEATH_REGISTRY' }));
  await ledger.submit(disbursement, 'PostDisbursement', finance, json(lineFor('S-01', who.paid, { amountFen: 100_000 })));
  return ledger;
}

const postBatch = (ledger: TestLedger, batch: object, identity = finance) =>
  ledger.submit<DisbursementContract, DisbursementBatch>(disbursement, 'PostBatch', identity, json(batch));

describe('a disbursement batch', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await aDistrict();
  });

  it('checks every line and records each one POSTED or REJECTED with exactly one reason code', async () => {
    const { result } = await postBatch(ledger, juneBatch);
    expect(result.results).toEqual([
      { lineId: 'J-01', status: 'POSTED', reasonCode: null },
      { lineId: 'J-02', status: 'POSTED', reasonCode: null },
      { lineId: 'J-03', status: 'POSTED', reasonCode: null },
      { lineId: 'J-04', status: 'REJECTED', reasonCode: 'NOT_ELIGIBLE' },
      { lineId: 'J-05', status: 'REJECTED', reasonCode: 'DECEASED' },
      { lineId: 'J-06', status: 'REJECTED', reasonCode: 'DUPLICATE' },
      { lineId: 'J-07', status: 'REJECTED', reasonCode: 'DUPLICATE' },
      { lineId: 'J-08', status: 'REJECTED', reasonCode: 'AMOUNT_EXCEEDS_STANDARD' },
      { lineId: 'J-09', status: 'REJECTED', reasonCode: 'INVALID_AMOUNT' },
      { lineId: 'J-10', status: 'REJECTED', reasonCode: 'INVALID_AMOUNT' },
      { lineId: 'J-11', status: 'REJECTED', reasonCode: 'AMOUNT_EXCEEDS_STANDARD' },
    ]);
  });

  it('carries counts, totals in fen, rejections by reason and the content hash', async () => {
    const { result, txId } = await postBatch(ledger, juneBatch);
    expect(result).toMatchObject({
      batchId: 'B-2024-06-XH',
      programmeId: 'MINIMUM_LIVING',
      period: '2024-06',
      lineCount: 11,
      postedCount: 3,
      rejectedCount: 8,
      postedTotalFen: 250_000,
      rejectedTotalFen: 120_000 * 3 + 20_000 + 150_001 + 20_001,
      rejectionsByReason: { NOT_ELIGIBLE: 1, DECEASED: 1, DUPLICATE: 2, AMOUNT_EXCEEDS_STANDARD: 2, INVALID_AMOUNT: 2 },
      postedByMsp: 'FinanceMSP',
      txId,
    });
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(ledger.evaluate(disbursement, 'ReadBatch', audit, 'B-2024-06-XH')).resolves.toEqual(result);
  });

  it('records rejected lines as evidence, keeping an amount that is not an integer as text', async () => {
    await postBatch(ledger, juneBatch);
    const read = (lineId: string) => ledger.evaluate<DisbursementContract, DisbursementLine>(disbursement, 'ReadDisbursement', audit, lineId);
    await expect(read('J-05')).resolves.toMatchObject({ status: 'REJECTED', reasonCode: 'DECEASED', batchId: 'B-2024-06-XH', amountFen: 120_000 });
    const fractional = await read('J-10');
    expect(fractional).toMatchObject({ status: 'REJECTED', reasonCode: 'INVALID_AMOUNT', amountFen: null, submittedAmount: '12.5' });
    await expect(read('J-09')).resolves.toMatchObject({ amountFen: 0 });
    await expect(read('J-01')).resolves.toMatchObject({ status: 'POSTED', reasonCode: null, programmeId: 'MINIMUM_LIVING', period: '2024-06' });
  });

  it('announces the batch and every line in one event', async () => {
    const { event, txId } = await postBatch(ledger, juneBatch);
    expect(event?.txId).toBe(txId);
    expect(event?.changes[0]).toMatchObject({ kind: 'DisbursementBatch', key: 'B-2024-06-XH' });
    expect(event?.changes.slice(1).map((c) => c.key)).toEqual(juneBatch.lines.map((l) => l.lineId));
  });

  it('counts lines accepted in a batch as paid for later single lines', async () => {
    await postBatch(ledger, juneBatch);
    await expect(
      ledger.submit(disbursement, 'PostDisbursement', finance, json(lineFor('X-1', who.ben, { amountFen: 1 }))),
    ).rejects.toThrow('[DUPLICATE]');
  });

  it('posting the same batch again returns the first result and writes nothing, whatever the key order', async () => {
    const first = await postBatch(ledger, juneBatch);
    const reordered = { lines: juneBatch.lines.map((l) => Object.fromEntries(Object.entries(l).reverse())), period: '2024-06', programmeId: 'MINIMUM_LIVING', batchId: juneBatch.batchId };
    const again = await postBatch(ledger, reordered);
    expect(again.result).toEqual(first.result);
    expect(again.writes).toBe(0);
    expect(again.event).toBeNull();
  });

  it.each([
    ['an amount changed', { lines: [batchLine('J-01', who.ann, { amountFen: 99_999 }), ...juneBatch.lines.slice(1)] }],
    ['a fractional amount changed', { lines: [...juneBatch.lines.slice(0, 9), batchLine('J-10', who.ben, { amountFen: 12.25 }), juneBatch.lines[10]] }],
    ['a line dropped', { lines: juneBatch.lines.slice(1) }],
    ['the lines reordered', { lines: [...juneBatch.lines].reverse() }],
    ['another period', { period: '2024-07' }],
  ])('the same batchId with %s is refused BATCH_CONFLICT', async (_name, change) => {
    await postBatch(ledger, juneBatch);
    await expect(postBatch(ledger, { ...juneBatch, ...change })).rejects.toThrow('[BATCH_CONFLICT]');
  });

  it('a batch reusing a lineId already in the ledger is refused LINE_CONFLICT and writes nothing', async () => {
    const before = ledger.stateSize;
    await expect(postBatch(ledger, { ...juneBatch, lines: [...juneBatch.lines, batchLine('S-01', who.ben)] })).rejects.toThrow(
      '[LINE_CONFLICT] lines already in the ledger: S-01',
    );
    expect(ledger.stateSize).toBe(before);
  });

  it('a batch repeating a lineId is refused VALIDATION', async () => {
    await expect(postBatch(ledger, { ...juneBatch, lines: [juneBatch.lines[0], juneBatch.lines[0]] })).rejects.toThrow(
      '[VALIDATION] batch.lines[1].lineId: repeats lineId J-01',
    );
  });

  it.each([
    ['no lines', { lines: [] }, 'batch.lines'],
    ['a line naming its own programme', { lines: [{ ...juneBatch.lines[0], programmeId: 'MINIMUM_LIVING' }] }, 'batch.lines[0].programmeId'],
    ['a bad period', { period: '202406' }, 'batch.period'],
    ['a bad subjectRef', { lines: [batchLine('J-01', 'abc')] }, 'batch.lines[0].subjectRef'],
  ])('a batch with %s is refused VALIDATION', async (_name, change, field) => {
    await expect(postBatch(ledger, { ...juneBatch, ...change })).rejects.toThrow(`[VALIDATION] ${field}`);
  });

  it('every line of a batch for an unknown programme is rejected UNKNOWN_PROGRAM, and recorded', async () => {
    const { result } = await postBatch(ledger, { ...juneBatch, programmeId: 'ELDERLY_ALLOWANCE' });
    expect(result).toMatchObject({ postedCount: 0, rejectedCount: 11, rejectionsByReason: { UNKNOWN_PROGRAM: 11 }, postedTotalFen: 0 });
  });

  it('civil affairs and audit may not post batches', async () => {
    await expect(postBatch(ledger, juneBatch, civilAffairs)).rejects.toThrow('[FORBIDDEN]');
    await expect(postBatch(ledger, juneBatch, audit)).rejects.toThrow('[FORBIDDEN]');
  });

  it('reading an unknown batch is NOT_FOUND', async () => {
    await expect(ledger.evaluate(disbursement, 'ReadBatch', audit, 'B-none')).rejects.toThrow('[NOT_FOUND]');
  });

  it('a death recorded after a batch flags its later lines as overpayments', async () => {
    await postBatch(ledger, juneBatch);
    await ledger.submit(deaths, 'RecordDeath', civilAffairs, json({ subjectRef: who.ann, dateOfDeath: '2024-05-20', source: 'CITY_DEATH_REGISTRY' }));
    const overpayments = await ledger.evaluate<DisbursementContract, Overpayment[]>(disbursement, 'ListOverpayments', audit, who.ann);
    expect(overpayments.map((o) => [o.lineId, o.amountFen])).toEqual([
      ['J-01', 100_000],
      ['J-03', 30_000],
    ]);
  });
});

describe('a batch of a thousand lines', () => {
  it('fits in one transaction and reads each key at most once', async () => {
    const ledger = new TestLedger('2024-06-25T01:00:00.000Z');
    await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    const subjects = Array.from({ length: 1000 }, (_, i) => pseudonym(`citizen-${i}`));
    for (const subject of subjects) await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(subject)));
    const lines = subjects.map((subject, i) => batchLine(`BIG-${String(i).padStart(4, '0')}`, subject, { amountFen: 100_000 + i }));
    lines.push(batchLine('BIG-DUP', subjects[0]));

    // How fast is the bench's business (docs/performance.md), not a test's: a timed test fails on a busy machine.
    const { result, reads, writes, event } = await postBatch(ledger, { batchId: 'B-BIG', programmeId: 'MINIMUM_LIVING', period: '2024-06', lines });
    expect(result).toMatchObject({ lineCount: 1001, postedCount: 1000, rejectionsByReason: { DUPLICATE: 1 } });
    expect(new Set(reads).size).toBe(reads.length);
    // batch + 1001 lines + 1000 paid periods
    expect(writes).toBe(2002);
    expect(event?.changes).toHaveLength(1002);
  });
});

describe("a batch's facts, read by range", () => {
  const subjects = Array.from({ length: 600 }, (_, i) => pseudonym(`resident-${i}`)).sort();
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = new TestLedger('2024-06-25T01:00:00.000Z');
    await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
    for (const subject of subjects) await ledger.submit(eligibility, 'Grant', civilAffairs, json(grantFor(subject)));
  });
  const linesFor = (tag: string, some: string[]) => some.map((subject, i) => batchLine(`${tag}-${String(i).padStart(4, '0')}`, subject));

  it("of 500 subjects next to each other in the programme: one range read per 40 keys of each table, no read per line", async () => {
    const batch = { batchId: 'B-DENSE', programmeId: 'MINIMUM_LIVING', period: '2024-06', lines: linesFor('DENSE', subjects.slice(0, 500)) };
    const { result, reads, ranges } = await postBatch(ledger, batch);
    expect(result).toMatchObject({ lineCount: 500, postedCount: 500 });
    // The batch key and the programme.
    expect(reads).toEqual(['\u0000batch\u0000B-DENSE\u0000', '\u0000programme\u0000MINIMUM_LIVING\u0000']);
    // Lines, eligibility, paid period: 13 ranges of at most 40 keys each. No death record: every
    // eligibility is ACTIVE, and a death would have suspended it (needsDeathRecord).
    expect(ranges).toHaveLength(3 * 13);
  });

  it('finds what is in a range: the same lines again are refused LINE_CONFLICT, a second REGULAR line DUPLICATE', async () => {
    const again = { batchId: 'B-AGAIN', programmeId: 'MINIMUM_LIVING', period: '2024-06', lines: linesFor('DENSE', subjects.slice(0, 3)) };
    await expect(postBatch(ledger, again)).rejects.toThrow('[LINE_CONFLICT]');
    const second = { batchId: 'B-SECOND', programmeId: 'MINIMUM_LIVING', period: '2024-06', lines: linesFor('SECOND', subjects.slice(0, 3)) };
    const { result } = await postBatch(ledger, second);
    expect(result.rejectionsByReason).toEqual({ DUPLICATE: 3 });
  });

  it('of subjects scattered over the programme: a range holding many other keys is dropped for point reads, at one range read per table', async () => {
    const scattered = subjects.filter((_, i) => i % 15 === 7);
    const batch = { batchId: 'B-SPARSE', programmeId: 'MINIMUM_LIVING', period: '2024-07', lines: linesFor('SPARSE', scattered) };
    const { result, reads, ranges } = await postBatch(ledger, batch);
    expect(result).toMatchObject({ lineCount: 40, postedCount: 40 });
    const eligibilityReads = reads.filter((key) => key.startsWith('\u0000eligibility\u0000'));
    expect(eligibilityReads).toHaveLength(40);
    expect(ranges.filter((range) => range.startKey.startsWith('\u0000eligibility\u0000'))).toHaveLength(1);
  });
});

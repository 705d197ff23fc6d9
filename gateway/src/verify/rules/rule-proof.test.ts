import { canonicalJson, grant, reinstate, suspend, type Eligibility, type SubmittedLine } from '@welfare-ledger/chaincode/lib';
import { compositeKey } from './payment-decisions';
import { verifyRuleProof, type RuleVerification } from './verify-rule-proof';
import { ForgedPayments, PACKAGE_HASH, type RangeSpec } from '../testing/forged-payments';
import type { RuleProof } from './rule-proof';

const SUBJECT = {
  alive: 'a'.repeat(64),
  unknown: 'b'.repeat(64),
  dead: 'c'.repeat(64),
  paid: 'd'.repeat(64),
  revoked: 'e'.repeat(64),
};
const PROGRAMME = 'DISABILITY_LIVING';
const PERIOD = '2026-10';
const CAP = 120_000;

function ledger(label?: string): ForgedPayments {
  const payments = new ForgedPayments(label);
  payments.programme(PROGRAMME, CAP);
  payments.eligibility(SUBJECT.alive, PROGRAMME, 'ACTIVE');
  payments.eligibility(SUBJECT.dead, PROGRAMME, 'ACTIVE');
  payments.death(SUBJECT.dead, '2026-08-14');
  payments.eligibility(SUBJECT.paid, PROGRAMME, 'ACTIVE');
  payments.paid({ subjectRef: SUBJECT.paid, programmeId: PROGRAMME, period: PERIOD, regularLineId: 'L-EARLIER', paidFen: CAP, lineIds: ['L-EARLIER'] });
  payments.eligibility(SUBJECT.revoked, PROGRAMME, 'REVOKED');
  return payments;
}

const line = (lineId: string, subjectRef: string, amountFen: number = CAP, kind: 'REGULAR' | 'SUPPLEMENT' = 'REGULAR') =>
  ({ lineId, subjectRef, amountFen, accountRef: 'f'.repeat(64), kind });

const verify = (proof: RuleProof, payments: ForgedPayments) => verifyRuleProof(proof, { trust: payments.net.trust });
const failed = (result: RuleVerification) => result.checks.filter((c) => !c.ok);

describe('a rule proof of a single payment line', () => {
  test('a POSTED line is VERIFIED: the rules, re-run on the proven facts, give exactly what was written', () => {
    const payments = ledger();
    const result = verify(payments.postLine({ ...line('L-1', SUBJECT.alive), programmeId: PROGRAMME, period: PERIOD }), payments);
    expect(failed(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.definition).toMatchObject({ sequence: 1, packageHash: PACKAGE_HASH, rulesVersion: 'rules-1' });
    expect(result.outcome?.explanations).toEqual([
      expect.stringMatching(/^line L-1 \(REGULAR, 2026-10\): POSTED: programme DISABILITY_LIVING, standard 1,200.00, block 2 tx 0; eligibility ACTIVE for DISABILITY_LIVING from 2026-01-01, block 3 tx 0; covers 2026-10; no death recorded \(recording a death suspends every ACTIVE eligibility in the same transaction\); period 2026-10 not yet paid; 1,200.00 ≤ standard 1,200.00$/),
    ]);
  });

  test('without the trust anchor the same proof is consistent, not verified', () => {
    const payments = ledger();
    const result = verifyRuleProof(payments.postLine({ ...line('L-1', SUBJECT.alive), programmeId: PROGRAMME, period: PERIOD }));
    expect(result.consistent).toBe(true);
    expect(result.ok).toBe(false);
  });
});

describe('a rule proof of a batch: each line POSTED or REJECTED with its reason', () => {
  const cases: Array<[string, string, ReturnType<typeof line>]> = [
    ['POSTED', 'POSTED', line('B-POSTED', SUBJECT.alive, 60_000)],
    ['INVALID_AMOUNT', 'REJECTED INVALID_AMOUNT', line('B-AMOUNT', SUBJECT.alive, 12.5)],
    ['NOT_ELIGIBLE (no eligibility)', 'REJECTED NOT_ELIGIBLE', line('B-NONE', SUBJECT.unknown)],
    ['NOT_ELIGIBLE (revoked)', 'REJECTED NOT_ELIGIBLE', line('B-REVOKED', SUBJECT.revoked)],
    ['DECEASED', 'REJECTED DECEASED', line('B-DEAD', SUBJECT.dead)],
    ['DUPLICATE (in the ledger)', 'REJECTED DUPLICATE', line('B-DUP', SUBJECT.paid)],
    ['AMOUNT_EXCEEDS_STANDARD (earlier line of the same batch)', 'REJECTED AMOUNT_EXCEEDS_STANDARD', line('B-OVER', SUBJECT.alive, 60_001, 'SUPPLEMENT')],
  ];
  let payments: ForgedPayments;
  let result: RuleVerification;
  beforeAll(() => {
    payments = ledger();
    result = verify(payments.postBatch({ batchId: 'BATCH-1', programmeId: PROGRAMME, period: PERIOD, lines: cases.map(([, , l]) => l) }), payments);
  });

  test('the batch is VERIFIED', () => {
    expect(failed(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.outcome?.rule).toBe('disbursement:PostBatch');
  });

  test.each(cases.map(([name, verdict, l], i) => [name, verdict, l.lineId, i] as const))('%s: the line is explained with its outcome', (_, verdict, lineId, i) => {
    expect(result.outcome?.explanations[i]).toMatch(new RegExp(`^line ${lineId} .*: ${verdict}\\b`));
  });

  test('a later line sees what earlier lines of the same batch paid (the transaction\'s own writes)', () => {
    expect(result.outcome?.explanations[6]).toContain('already paid 600.00 (regular line B-POSTED), earlier lines of this batch');
    expect(result.outcome?.explanations[6]).toContain('600.00 + 600.01 > standard 1,200.00');
  });

  test('a batch of an unknown programme: every line REJECTED UNKNOWN_PROGRAM, VERIFIED', () => {
    const unknown = verify(payments.postBatch({ batchId: 'BATCH-2', programmeId: 'NO_SUCH', period: PERIOD, lines: [line('U-1', SUBJECT.alive)] }), payments);
    expect(failed(unknown)).toEqual([]);
    expect(unknown.outcome?.explanations).toEqual([expect.stringMatching(/^line U-1 \(REGULAR, 2026-10\): REJECTED UNKNOWN_PROGRAM .*no programme NO_SUCH at commit$/)]);
  });
});

describe('forged rule proofs are refused (each internally consistent: re-signed with keys the forger holds)', () => {
  const aliveLine = () => ({ ...line('L-9', SUBJECT.alive), programmeId: PROGRAMME, period: PERIOD });

  test('an input value swapped for another version\'s: the eligibility read at one version, proven by the bundle of another', () => {
    const payments = ledger();
    const proof = payments.postLine(aliveLine());
    // Block 3 wrote this subject's eligibility; block 4 another subject's (another version of "an eligibility").
    const i = proof.writers.findIndex((w) => w.block.header.number === 3);
    proof.writers[i] = payments.writerBundle([4, 0]);
    const result = verify(proof, payments);
    expect(result.ok).toBe(false);
    expect(failed(result)).toEqual([expect.objectContaining({ check: 'facts', detail: expect.stringContaining('no bundle proves the transaction at block 3 tx 0') })]);
  });

  test('an input value swapped for another version\'s: the eligibility read at the version of a transaction that wrote only a death record', () => {
    const payments = ledger();
    const deathBlock = payments.death(SUBJECT.unknown, '2026-02-01');
    payments.pretendVersion(compositeKey('eligibility', PROGRAMME, SUBJECT.alive), deathBlock);
    const result = verify(payments.postLine(aliveLine()), payments);
    expect(failed(result)).toEqual([expect.objectContaining({ check: 'facts', detail: expect.stringContaining(`the transaction at block ${deathBlock[0]} tx 0 did not write eligibility/${PROGRAMME}/${SUBJECT.alive}`) })]);
  });

  test('an absent-key fact dropped: a payment whose read set never looked for a death record is refused', () => {
    const payments = ledger();
    const proof = payments.postBatch({ batchId: 'BATCH-D', programmeId: PROGRAMME, period: PERIOD, lines: [line('D-1', SUBJECT.dead)] }, { dropRead: compositeKey('death', SUBJECT.dead) });
    const result = verify(proof, payments);
    expect(failed(result)).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining(`did not read death ${SUBJECT.dead}`) })]);
  });

  test('a dropped eligibility read is refused too: whether the death registry matters depends on it', () => {
    const payments = ledger();
    const proof = payments.postLine(aliveLine(), { dropRead: compositeKey('eligibility', PROGRAMME, SUBJECT.alive) });
    expect(failed(verify(proof, payments))).toEqual([
      expect.objectContaining({ check: 're-execution', detail: expect.stringContaining(`did not read eligibility ${PROGRAMME}/${SUBJECT.alive}`) }),
    ]);
  });

  test('the outcome altered: a line the rules reject DECEASED, written as POSTED, is refused', () => {
    const payments = ledger();
    const proof = payments.postBatch({ batchId: 'BATCH-X', programmeId: PROGRAMME, period: PERIOD, lines: [line('X-1', SUBJECT.dead)] }, {
      alterWrites: (writes) => {
        const key = compositeKey('line', 'X-1');
        writes.set(key, writes.get(key)!.replace('"reasonCode":"DECEASED"', '"reasonCode":null').replace('"status":"REJECTED"', '"status":"POSTED"'));
      },
    });
    const result = verify(proof, payments);
    expect(failed(result)).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('the transaction wrote line/X-1 as') })]);
  });

  test("an argument the chaincode's input check refuses (an unknown field) could not have committed: refused", () => {
    const payments = ledger();
    const proof = payments.postLine({ ...aliveLine(), note: 'paid in cash' } as SubmittedLine);
    expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining("the chaincode's input check refuses the argument") })]);
  });

  test('the outcome altered: an extra record the rules do not write is refused', () => {
    const payments = ledger();
    const proof = payments.postLine(aliveLine(), { alterWrites: (writes) => writes.set(compositeKey('overpayment', SUBJECT.alive, 'L-9'), '{}') });
    expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('also wrote overpayment') })]);
  });

  test('the rule version swapped: a definition naming rules this verifier does not hold is refused', () => {
    const payments = ledger(`${PACKAGE_HASH}+rules-0`);
    const result = verify(payments.postLine(aliveLine()), payments);
    expect(failed(result)).toEqual([expect.objectContaining({ check: 'rule-version', detail: expect.stringContaining('names rules rules-0, not a released rules version') })]);
  });

  test('the rule version swapped: endorsers that ran another chaincode version than the definition in effect are refused', () => {
    const payments = ledger();
    const result = verify(payments.postLine(aliveLine(), { chaincodeVersion: `0000deadbeef+rules-1` }), payments);
    expect(failed(result)).toEqual([expect.objectContaining({ check: 'rule-version', detail: expect.stringContaining('the endorsers ran welfare version 0000deadbeef+rules-1') })]);
  });

  test('the definition bundle dropped: which rules were in effect is not proven', () => {
    const payments = ledger();
    const proof = payments.postLine(aliveLine());
    proof.writers = proof.writers.filter((w) => w.block.header.number !== payments.definitionVersion[0]);
    const result = verify(proof, payments);
    expect(result.ok).toBe(false);
    expect(failed(result).map((c) => c.check)).toEqual(expect.arrayContaining(['facts', 'rule-version']));
  });

  test('a writer bundle from another channel (another trust anchor) is refused', () => {
    const payments = ledger();
    const proof = payments.postLine(aliveLine());
    const elsewhere = ledger();
    elsewhere.postLine(aliveLine());
    const i = proof.writers.findIndex((w) => w.block.header.number === 3);
    proof.writers[i] = elsewhere.writerBundle([3, 0]);
    expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 'facts', detail: expect.stringContaining('trust-anchor') })]);
  });
});

describe("a rule proof of a death record's effects (the subject's programmes by range read, then their keys)", () => {
  const subject = SUBJECT.alive;
  function paidThrough(periods: string[]): ForgedPayments {
    const payments = ledger();
    payments.eligibility(subject, 'ELDERLY_ALLOWANCE', 'REVOKED');
    periods.forEach((period, i) => payments.postLine({ ...line(`P-${i}`, subject), programmeId: PROGRAMME, period }));
    return payments;
  }
  const death = { subjectRef: subject, dateOfDeath: '2026-06-10', source: 'CITY_DEATH_DB' };

  test('eligibility suspended, a payment after the month of death flagged as an overpayment: VERIFIED (raw range read)', () => {
    const payments = paidThrough(['2026-05', '2026-07']);
    const result = verify(payments.recordDeath(death), payments);
    expect(failed(result)).toEqual([]);
    expect(result.checks.find((c) => c.check === 'range-reads')?.detail).toMatch(/^1 range read \(raw\)/);
    expect(result.outcome?.explanations).toEqual([
      expect.stringMatching(/^death of subject aaaaaaaaaaaa… on 2026-06-10 .* recorded/),
      expect.stringMatching(/^eligibility for DISABILITY_LIVING ACTIVE, block \d+ tx 0: SUSPENDED \(DECEASED\)$/),
      expect.stringMatching(/^eligibility for ELDERLY_ALLOWANCE REVOKED, block \d+ tx 0: left alone/),
      'periods 2026-07 to 2028-10 looked up for each programme: 1 paid',
      'line P-1 paid 1,200.00 for 2026-07, after the month of death: overpayment OPEN',
    ]);
  });

  test("VERIFIED when Fabric summarised a range as Merkle hashes and the proof lists its results", () => {
    const payments = paidThrough(['2026-05', '2026-07', '2026-08', '2026-09']);
    const proof = payments.recordDeath(death, { merkleDegree: 1 });
    expect(proof.rangeResults).toHaveLength(1);
    const result = verify(proof, payments);
    expect(failed(result)).toEqual([]);
    expect(result.checks.find((c) => c.check === 'range-reads')?.detail).toMatch(/\(Merkle-summarised\)/);
    expect(result.outcome?.explanations.filter((e) => e.includes('overpayment OPEN'))).toHaveLength(3);
  });

  test('a programme left out of the listed Merkle-summarised results is refused (its eligibility and overpayments would go unproven)', () => {
    const payments = paidThrough(['2026-05', '2026-07', '2026-08', '2026-09']);
    const proof = payments.recordDeath(death, { merkleDegree: 1 });
    proof.rangeResults![0].reads.splice(0, 1);
    expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 'range-reads', detail: expect.stringContaining('do not rebuild the Merkle summary') })]);
  });

  test("a paid period the rules look at left out of the decision's reads is refused", () => {
    const payments = paidThrough(['2026-07']);
    const proof = payments.recordDeath(death, { dropRead: compositeKey('paidPeriod', PROGRAMME, '2026-07', subject) });
    expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('did not read paidPeriod') })]);
  });

  test('an overpayment left unwritten (the outcome altered) is refused', () => {
    const payments = paidThrough(['2026-07']);
    const proof = payments.recordDeath(death, { alterWrites: (writes) => writes.delete(compositeKey('overpayment', subject, 'P-0')) });
    expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('the rules write overpayment/') })]);
  });
});

describe("a rule proof of a batch whose facts came by range reads (keys laid out for batches)", () => {
  const subjects = [SUBJECT.alive, SUBJECT.unknown, SUBJECT.dead, SUBJECT.paid, SUBJECT.revoked];
  const batch = {
    batchId: 'B-RANGE',
    programmeId: PROGRAMME,
    period: PERIOD,
    lines: subjects.map((subject, i) => line(`L-${i}`, subject)),
  };
  const first = subjects[0];
  const last = subjects[subjects.length - 1];
  /** The batch's four range reads over the subjects from `first` to `last`, as the chaincode makes them. */
  const ranges = (death: Partial<RangeSpec> = {}, eligibility: Partial<RangeSpec> = {}, upTo = subjects.length - 1): RangeSpec[] => {
    const [first, last] = [subjects[0], subjects[upTo]];
    return [
      { firstKey: compositeKey('line', 'L-0'), lastKey: compositeKey('line', `L-${upTo}`) },
      { firstKey: compositeKey('eligibility', PROGRAMME, first), lastKey: compositeKey('eligibility', PROGRAMME, last), ...eligibility },
      { firstKey: compositeKey('death', first), lastKey: compositeKey('death', last), ...death },
      { firstKey: compositeKey('paidPeriod', PROGRAMME, PERIOD, first), lastKey: compositeKey('paidPeriod', PROGRAMME, PERIOD, last) },
    ];
  };

  test('VERIFIED: a key in a range and not returned is absent, one returned is the fact (the death, the payment already made)', () => {
    const payments = ledger();
    const result = verify(payments.postBatch(batch, { ranges: ranges() }), payments);
    expect(failed(result)).toEqual([]);
    expect(result.checks.find((c) => c.check === 'range-reads')?.detail).toMatch(/^4 range reads \(empty, raw, raw, raw\)/);
    expect(result.outcome?.explanations).toEqual([
      expect.stringMatching(/^line L-0 \(REGULAR, 2026-10\): POSTED: .*no death recorded \(recording a death suspends every ACTIVE eligibility/),
      expect.stringMatching(/^line L-1 \(REGULAR, 2026-10\): REJECTED NOT_ELIGIBLE .*no eligibility for DISABILITY_LIVING at commit; death registry not read \(not eligible whatever it holds\)/),
      expect.stringMatching(/^line L-2 \(REGULAR, 2026-10\): REJECTED DECEASED .*death recorded on 2026-08-14, block \d+ tx 0/),
      expect.stringMatching(/^line L-3 \(REGULAR, 2026-10\): REJECTED DUPLICATE .*already paid 1,200.00 \(regular line L-EARLIER\), block \d+ tx 0/),
      expect.stringMatching(/^line L-4 \(REGULAR, 2026-10\): REJECTED NOT_ELIGIBLE .*eligibility REVOKED/),
    ]);
  });

  test('VERIFIED when the chaincode stopped a range early: the last key Fabric read is inside it', () => {
    const payments = ledger();
    const threeLines = { ...batch, lines: batch.lines.slice(0, 3) };
    const result = verify(payments.postBatch(threeLines, { ranges: ranges({ stoppedAt: compositeKey('death', SUBJECT.dead) }, {}, 2) }), payments);
    expect(failed(result)).toEqual([]);
    expect(result.outcome?.explanations[2]).toMatch(/REJECTED DECEASED .*death recorded on 2026-08-14/);
  });

  test('a death past where a range stopped is not proven absent: refused, not paid', () => {
    const payments = ledger();
    const proof = payments.postBatch(batch, { ranges: ranges({ stoppedAt: compositeKey('death', SUBJECT.unknown) }) });
    expect(failed(verify(proof, payments))).toEqual([
      expect.objectContaining({ check: 're-execution', detail: expect.stringContaining(`did not read death ${SUBJECT.dead}`) }),
    ]);
  });

  test('a range Fabric summarised and the proof does not list proves nothing: the keys read one by one are the facts', () => {
    const payments = ledger();
    const result = verify(payments.postBatch(batch, { ranges: ranges({}, { summarised: true }) }), payments);
    expect(failed(result)).toEqual([]);
    expect(result.checks.find((c) => c.check === 'range-reads')?.detail).toContain('Merkle-summarised, not listed: no fact taken from it');
    const unread = payments.postBatch({ ...batch, batchId: 'B-UNREAD', lines: batch.lines.map((l) => ({ ...l, lineId: `U-${l.lineId}` })) }, {
      ranges: [{ firstKey: compositeKey('line', 'U-L-0'), lastKey: compositeKey('line', 'U-L-4') }, ...ranges({}, { summarised: true, pointReads: false }).slice(1)],
    });
    expect(failed(verify(unread, payments))).toEqual([
      expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('did not read eligibility') }),
    ]);
  });
});

describe('a rule proof of an eligibility decision', () => {
  const grantInput = (subjectRef: string) => ({
    subjectRef, programmeId: PROGRAMME, validFrom: '2026-02-01', districtCode: '310104', decisionRef: 'G-1',
    checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
  });
  const key = (subjectRef: string) => compositeKey('eligibility', PROGRAMME, subjectRef);

  test('a grant: VERIFIED, with the programme, the death registry and the checks it rested on', () => {
    const payments = ledger();
    const input = grantInput(SUBJECT.unknown);
    const proof = payments.civilAffairsDecision('eligibility:Grant', input, [key(SUBJECT.unknown), compositeKey('programme', PROGRAMME), compositeKey('death', SUBJECT.unknown)], (stamp) =>
      new Map([
        [key(SUBJECT.unknown), canonicalJson(grant(null, { ...input, validTo: null, evidence: [] } as never, payments.read(compositeKey('programme', PROGRAMME)), null, stamp))],
        [compositeKey('subjectProgramme', SUBJECT.unknown, PROGRAMME), canonicalJson({ subjectRef: SUBJECT.unknown, programmeId: PROGRAMME })],
      ]));
    const result = verify(proof, payments);
    expect(failed(result)).toEqual([]);
    expect(result.outcome?.explanations).toEqual([
      'GRANT of DISABILITY_LIVING: was no eligibility at commit; programme DISABILITY_LIVING exists, block 2 tx 0; no death record at commit; checks IDENTITY PASS; now ACTIVE from 2026-02-01, district 310104',
    ]);
  });

  test('a suspension: VERIFIED from the eligibility as it stood', () => {
    const payments = ledger();
    const input = { subjectRef: SUBJECT.alive, programmeId: PROGRAMME, reason: 'MOVED_AWAY', decisionRef: 'S-1' };
    const proof = payments.civilAffairsDecision('eligibility:Suspend', input, [key(SUBJECT.alive)], (stamp) =>
      new Map([[key(SUBJECT.alive), canonicalJson(suspend(payments.read<Eligibility>(key(SUBJECT.alive)), input, stamp))]]));
    const result = verify(proof, payments);
    expect(failed(result)).toEqual([]);
    expect(result.outcome?.explanations[0]).toMatch(/^SUSPEND of DISABILITY_LIVING: was ACTIVE, block 3 tx 0; now SUSPENDED \(MOVED_AWAY\)/);
  });

  test('a reinstatement of someone recorded dead, which the rules refuse, is refused', () => {
    const payments = ledger();
    const suspendedDead = { ...payments.read<Eligibility>(key(SUBJECT.dead))!, status: 'SUSPENDED' as const, reason: 'DECEASED' };
    payments.put([[key(SUBJECT.dead), suspendedDead]]);
    const input = { subjectRef: SUBJECT.dead, programmeId: PROGRAMME, decisionRef: 'R-1' };
    const proof = payments.civilAffairsDecision('eligibility:Reinstate', input, [key(SUBJECT.dead), compositeKey('death', SUBJECT.dead)], (stamp) =>
      new Map([[key(SUBJECT.dead), canonicalJson(reinstate(suspendedDead, input, null, stamp))]]));
    expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('the rules refuse this change ([DECEASED] the subject died on 2026-08-14)') })]);
  });

  describe('an import of many grants', () => {
    let payments: ForgedPayments;
    beforeEach(() => {
      payments = ledger();
    });
    const inputs = [grantInput(SUBJECT.unknown), grantInput(SUBJECT.revoked)];
    const readsOf = (subjectRef: string) => [key(subjectRef), compositeKey('programme', PROGRAMME), compositeKey('death', subjectRef)];
    /** The records the grants write, computed by the rules from `current` (the forger's choice). */
    const writesOf = (grants: typeof inputs, current: (subjectRef: string) => Eligibility | null, extra: Map<string, string> = new Map()) => (stamp: Parameters<typeof grant>[4]) => {
      const writes = new Map<string, string>();
      for (const input of grants) {
        writes.set(key(input.subjectRef), canonicalJson(grant(current(input.subjectRef), { ...input, validTo: null, evidence: [] } as never, payments.read(compositeKey('programme', PROGRAMME)), null, stamp)));
        if (!payments.read(key(input.subjectRef))) writes.set(compositeKey('subjectProgramme', input.subjectRef, PROGRAMME), canonicalJson({ subjectRef: input.subjectRef, programmeId: PROGRAMME }));
      }
      return new Map([...writes, ...extra]);
    };
    const asItStood = (subjectRef: string) => payments.read<Eligibility>(key(subjectRef));

    test('VERIFIED: every grant re-run on its own facts, one explanation each', () => {
      const proof = payments.civilAffairsDecision('eligibility:GrantMany', { grants: inputs }, inputs.flatMap((g) => readsOf(g.subjectRef)), writesOf(inputs, asItStood));
      const result = verify(proof, payments);
      expect(failed(result)).toEqual([]);
      expect(result.outcome?.rule).toBe('eligibility:GrantMany');
      expect(result.outcome?.explanations).toEqual([
        expect.stringMatching(/^grants\[0\]: GRANT of DISABILITY_LIVING: was no eligibility at commit; .*no death record at commit/),
        expect.stringMatching(/^grants\[1\]: GRANT of DISABILITY_LIVING: was REVOKED, block \d+ tx 0; .*now ACTIVE/),
      ]);
    });

    test('refused: a grant the rules refuse (already ACTIVE), written as if it were new', () => {
      const grants = [grantInput(SUBJECT.unknown), grantInput(SUBJECT.alive)];
      const proof = payments.civilAffairsDecision('eligibility:GrantMany', { grants }, grants.flatMap((g) => readsOf(g.subjectRef)), writesOf(grants, () => null));
      expect(failed(verify(proof, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('the rules refuse this change ([INVALID_TRANSITION] GRANT is not allowed from ACTIVE)') })]);
    });

    test("refused: a grant whose death record was not read, or a record the grants do not write", () => {
      const unread = payments.civilAffairsDecision('eligibility:GrantMany', { grants: inputs }, [...readsOf(SUBJECT.unknown), key(SUBJECT.revoked), compositeKey('programme', PROGRAMME)], writesOf(inputs, asItStood));
      expect(failed(verify(unread, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining(`did not read death ${SUBJECT.revoked}`) })]);
      payments = ledger();
      const extra = new Map([[key(SUBJECT.alive), '{"status":"REVOKED"}']]);
      const grants = [grantInput(SUBJECT.unknown)];
      const overwrites = payments.civilAffairsDecision('eligibility:GrantMany', { grants }, readsOf(SUBJECT.unknown), writesOf(grants, asItStood, extra));
      expect(failed(verify(overwrites, payments))).toEqual([expect.objectContaining({ check: 're-execution', detail: expect.stringContaining('which the rules do not') })]);
    });
  });
});


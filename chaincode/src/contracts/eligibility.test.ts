import type { Eligibility, HistoryPage } from '../lib/records';
import { DISABILITY_LIVING, MINIMUM_LIVING, grantFor, json, pseudonym } from '../testing/fixtures';
import { IDENTITIES, TestLedger } from '../testing/network';
import { MAX_GRANTS_PER_IMPORT } from '../lib/inputs';
import { DeathContract } from './death';
import { EligibilityContract } from './eligibility';
import { ProgrammeContract } from './programme';

const { civilAffairs, finance, audit } = IDENTITIES;
const programmes = new ProgrammeContract();
const contract = new EligibilityContract();
const alice = pseudonym('alice');
const ref = { subjectRef: alice, programmeId: 'MINIMUM_LIVING' };

type Fn = 'Grant' | 'Suspend' | 'Reinstate' | 'Revoke' | 'TransferDistrict';
const inputs: Record<Fn, object> = {
  Grant: grantFor(alice),
  Suspend: { ...ref, reason: 'INCOME_ABOVE_THRESHOLD', decisionRef: '徐民救〔2024〕30号' },
  Reinstate: { ...ref, decisionRef: '徐民救〔2024〕31号' },
  Revoke: { ...ref, reason: 'MOVED_AWAY', decisionRef: '徐民救〔2024〕32号' },
  TransferDistrict: { ...ref, districtCode: '310115', decisionRef: '浦民救〔2024〕7号' },
};

async function freshLedger(): Promise<TestLedger> {
  const ledger = new TestLedger('2024-06-20T01:00:00.000Z');
  await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(MINIMUM_LIVING));
  await ledger.submit(programmes, 'CreateProgramme', civilAffairs, json(DISABILITY_LIVING));
  return ledger;
}

const act = (ledger: TestLedger, fn: Fn, input: object = inputs[fn], who = civilAffairs) =>
  ledger.submit<EligibilityContract, Eligibility>(contract, fn, who, json(input));

/** Brings alice's MINIMUM_LIVING eligibility into a state by allowed steps. */
async function bringTo(ledger: TestLedger, status: 'NONE' | 'ACTIVE' | 'SUSPENDED' | 'REVOKED'): Promise<void> {
  if (status === 'NONE') return;
  await act(ledger, 'Grant');
  if (status === 'SUSPENDED') await act(ledger, 'Suspend');
  if (status === 'REVOKED') await act(ledger, 'Revoke');
}

describe('eligibility', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await freshLedger();
  });

  it('civil affairs grants eligibility: ACTIVE, with its decision, evidence and checks', async () => {
    const { result, txId, event } = await act(ledger, 'Grant');
    expect(result).toEqual({
      ...grantFor(alice),
      status: 'ACTIVE',
      reason: null,
      lastAction: 'GRANT',
      grantedAt: '2024-06-20T01:00:03.000Z',
      updatedAt: '2024-06-20T01:00:03.000Z',
      updatedByMsp: 'CivilAffairsMSP',
      txId,
    });
    expect(event?.changes).toEqual([{ kind: 'Eligibility', key: `${alice}:MINIMUM_LIVING`, record: result }]);
  });

  it('a grant may omit evidence and name an end date', async () => {
    const { evidence: _omitted, ...withoutEvidence } = grantFor(alice, 'MINIMUM_LIVING', { validTo: '2024-12-31' });
    const { result } = await act(ledger, 'Grant', withoutEvidence);
    expect(result).toMatchObject({ evidence: [], validTo: '2024-12-31' });
  });

  const transitions: [Fn, string, 'allowed' | string][] = [
    ['Grant', 'NONE', 'ACTIVE'],
    ['Grant', 'ACTIVE', 'INVALID_TRANSITION'],
    ['Grant', 'SUSPENDED', 'INVALID_TRANSITION'],
    ['Grant', 'REVOKED', 'ACTIVE'],
    ['Suspend', 'NONE', 'NOT_FOUND'],
    ['Suspend', 'ACTIVE', 'SUSPENDED'],
    ['Suspend', 'SUSPENDED', 'INVALID_TRANSITION'],
    ['Suspend', 'REVOKED', 'INVALID_TRANSITION'],
    ['Reinstate', 'NONE', 'NOT_FOUND'],
    ['Reinstate', 'ACTIVE', 'INVALID_TRANSITION'],
    ['Reinstate', 'SUSPENDED', 'ACTIVE'],
    ['Reinstate', 'REVOKED', 'INVALID_TRANSITION'],
    ['Revoke', 'NONE', 'NOT_FOUND'],
    ['Revoke', 'ACTIVE', 'REVOKED'],
    ['Revoke', 'SUSPENDED', 'REVOKED'],
    ['Revoke', 'REVOKED', 'INVALID_TRANSITION'],
    ['TransferDistrict', 'NONE', 'NOT_FOUND'],
    ['TransferDistrict', 'ACTIVE', 'ACTIVE'],
    ['TransferDistrict', 'SUSPENDED', 'SUSPENDED'],
    ['TransferDistrict', 'REVOKED', 'INVALID_TRANSITION'],
  ];

  it.each(transitions)('%s from %s gives %s', async (fn, from, outcome) => {
    await bringTo(ledger, from as 'NONE');
    if (['ACTIVE', 'SUSPENDED', 'REVOKED'].includes(outcome)) {
      const { result } = await act(ledger, fn);
      expect(result.status).toBe(outcome);
    } else {
      await expect(act(ledger, fn)).rejects.toThrow(`[${outcome}]`);
    }
  });

  it('a suspension records its reason; reinstatement clears it', async () => {
    await bringTo(ledger, 'SUSPENDED');
    const suspended = await ledger.evaluate<EligibilityContract, Eligibility>(contract, 'ReadEligibility', audit, alice, 'MINIMUM_LIVING');
    expect(suspended).toMatchObject({ status: 'SUSPENDED', reason: 'INCOME_ABOVE_THRESHOLD', lastAction: 'SUSPEND' });
    const { result } = await act(ledger, 'Reinstate');
    expect(result).toMatchObject({ status: 'ACTIVE', reason: null, lastAction: 'REINSTATE', decisionRef: '徐民救〔2024〕31号' });
  });

  it('a transfer moves the district and keeps the status', async () => {
    await bringTo(ledger, 'ACTIVE');
    const { result } = await act(ledger, 'TransferDistrict');
    expect(result).toMatchObject({ districtCode: '310115', status: 'ACTIVE', lastAction: 'TRANSFER_DISTRICT' });
    await expect(act(ledger, 'TransferDistrict')).rejects.toThrow('[INVALID_TRANSITION] already in district 310115');
  });

  it('a re-grant after revocation starts a new ACTIVE period with the new decision', async () => {
    await bringTo(ledger, 'REVOKED');
    const { result } = await act(ledger, 'Grant', grantFor(alice, 'MINIMUM_LIVING', { validFrom: '2024-07-01', decisionRef: 'new' }));
    expect(result).toMatchObject({ status: 'ACTIVE', validFrom: '2024-07-01', decisionRef: 'new', reason: null });
  });

  it('a grant for an unknown programme is refused UNKNOWN_PROGRAM', async () => {
    await expect(act(ledger, 'Grant', grantFor(alice, 'ELDERLY_ALLOWANCE'))).rejects.toThrow('[UNKNOWN_PROGRAM]');
  });

  it('a grant resting on a FAILED check is refused CHECKS_FAILED', async () => {
    const checks = [
      { check: 'IDENTITY', result: 'PASS', sourceSystem: 'population' },
      { check: 'DISABILITY_LEVEL', result: 'FAIL', sourceSystem: 'disabled-persons-federation' },
    ];
    await expect(act(ledger, 'Grant', grantFor(alice, 'MINIMUM_LIVING', { checks }))).rejects.toThrow(
      '[CHECKS_FAILED] checks failed: DISABILITY_LEVEL',
    );
  });

  it.each([
    ['no checks', { checks: [] }, 'grant.checks'],
    ['an unknown check', { checks: [{ check: 'HOROSCOPE', result: 'PASS', sourceSystem: 's' }] }, 'grant.checks[0].check'],
    ['a check result other than PASS/FAIL', { checks: [{ check: 'IDENTITY', result: 'OK', sourceSystem: 's' }] }, 'grant.checks[0].result'],
    ['evidence without a sha256', { evidence: [{ kind: 'DECISION_LETTER', sha256: 'abc' }] }, 'grant.evidence[0].sha256'],
    ['a 5-digit district', { districtCode: '31010' }, 'grant.districtCode'],
    ['an impossible date', { validFrom: '2024-02-30' }, 'grant.validFrom'],
    ['an end before the start', { validTo: '2023-12-31' }, 'grant.validTo'],
    ['an empty decision reference', { decisionRef: '' }, 'grant.decisionRef'],
    ['a decision reference with a newline', { decisionRef: 'a\nb' }, 'grant.decisionRef'],
    ['an unknown field', { status: 'ACTIVE' }, 'grant.status'],
  ])('a grant with %s is refused VALIDATION', async (_name, change, field) => {
    await expect(act(ledger, 'Grant', grantFor(alice, 'MINIMUM_LIVING', change))).rejects.toThrow(`[VALIDATION] ${field}`);
  });

  it('a suspension reason must be a code', async () => {
    await bringTo(ledger, 'ACTIVE');
    await expect(act(ledger, 'Suspend', { ...inputs.Suspend, reason: 'because' })).rejects.toThrow('[VALIDATION] suspension.reason');
  });

  it.each(['Grant', 'Suspend', 'Reinstate', 'Revoke', 'TransferDistrict'] as Fn[])('finance may not %s', async (fn) => {
    await expect(act(ledger, fn, inputs[fn], finance)).rejects.toThrow('[FORBIDDEN]');
  });

  it('audit may not grant', async () => {
    await expect(act(ledger, 'Grant', inputs.Grant, audit)).rejects.toThrow('[FORBIDDEN]');
  });

  it("lists a subject's eligibilities by programme", async () => {
    await act(ledger, 'Grant');
    await act(ledger, 'Grant', grantFor(alice, 'DISABILITY_LIVING'));
    await act(ledger, 'Grant', grantFor(pseudonym('bob')));
    const list = await ledger.evaluate<EligibilityContract, Eligibility[]>(contract, 'ListBySubject', finance, alice);
    expect(list.map((e) => e.programmeId)).toEqual(['DISABILITY_LIVING', 'MINIMUM_LIVING']);
    await expect(ledger.evaluate(contract, 'ListBySubject', finance, pseudonym('nobody'))).resolves.toEqual([]);
  });

  it('reading an eligibility that does not exist is NOT_FOUND', async () => {
    await expect(ledger.evaluate(contract, 'ReadEligibility', audit, alice, 'MINIMUM_LIVING')).rejects.toThrow('[NOT_FOUND]');
    await expect(ledger.evaluate(contract, 'ReadEligibility', audit, 'not-a-ref', 'MINIMUM_LIVING')).rejects.toThrow('[VALIDATION] subjectRef');
  });

  it('keeps the full history, newest first, a page at a time', async () => {
    await act(ledger, 'Grant');
    for (let i = 0; i < 3; i++) {
      await act(ledger, 'Suspend');
      await act(ledger, 'Reinstate');
    }
    await act(ledger, 'Revoke');
    const page = (size: string, bookmark: string) =>
      ledger.evaluate<EligibilityContract, HistoryPage<Eligibility>>(contract, 'History', audit, alice, 'MINIMUM_LIVING', size, bookmark);

    const first = await page('3', '');
    expect(first.entries.map((e) => e.record?.lastAction)).toEqual(['REVOKE', 'REINSTATE', 'SUSPEND']);
    expect(first.bookmark).toBe('3');
    const second = await page('3', first.bookmark);
    expect(second.entries.map((e) => e.record?.lastAction)).toEqual(['REINSTATE', 'SUSPEND', 'REINSTATE']);
    const last = await page('3', second.bookmark);
    expect(last.entries.map((e) => e.record?.lastAction)).toEqual(['SUSPEND', 'GRANT']);
    expect(last.bookmark).toBe('');
    expect(last.entries[1]).toMatchObject({ isDelete: false, timestamp: '2024-06-20T01:00:03.000Z' });

    const all = await page('', '');
    expect(all.entries).toHaveLength(8);
    expect(all.bookmark).toBe('');
  });

  it.each([
    ['0', '', 'pageSize'],
    ['501', '', 'pageSize'],
    ['ten', '', 'pageSize'],
    ['10', 'abc', 'bookmark'],
    ['10', '-1', 'bookmark'],
  ])('a history page of size %p from bookmark %p is refused VALIDATION', async (size, bookmark, field) => {
    await expect(ledger.evaluate(contract, 'History', audit, alice, 'MINIMUM_LIVING', size, bookmark)).rejects.toThrow(
      `[VALIDATION] ${field}`,
    );
  });

  it('the history of an eligibility never granted is empty', async () => {
    await expect(ledger.evaluate(contract, 'History', audit, alice, 'MINIMUM_LIVING', '', '')).resolves.toEqual({ entries: [], bookmark: '' });
  });

  describe('an import of many grants in one transaction', () => {
    const bob = pseudonym('bob');
    const importOf = (grants: object[]) => ({ grants });
    const grantMany = (input: object, who = civilAffairs) => ledger.submit<EligibilityContract, { granted: number }>(contract, 'GrantMany', who, json(input));
    const read = (subjectRef: string, programmeId: string) => ledger.evaluate<EligibilityContract, Eligibility>(contract, 'ReadEligibility', audit, subjectRef, programmeId);

    it('grants each by the same rule as a single grant, each its own record, announced in one event', async () => {
      const grants = [grantFor(alice), grantFor(alice, 'DISABILITY_LIVING'), grantFor(bob, 'MINIMUM_LIVING', { validTo: '2024-12-31' })];
      const { result, txId, event } = await grantMany(importOf(grants));
      expect(result).toEqual({ granted: 3 });
      const stamp = { grantedAt: '2024-06-20T01:00:03.000Z', updatedAt: '2024-06-20T01:00:03.000Z', updatedByMsp: 'CivilAffairsMSP', txId };
      const expected = grants.map((g) => ({ ...g, status: 'ACTIVE', reason: null, lastAction: 'GRANT', ...stamp }));
      expect(event?.changes.map((c) => c.record)).toEqual(expected);
      expect(event?.changes.map((c) => c.key)).toEqual([`${alice}:MINIMUM_LIVING`, `${alice}:DISABILITY_LIVING`, `${bob}:MINIMUM_LIVING`]);
      await expect(read(bob, 'MINIMUM_LIVING')).resolves.toEqual(expected[2]);
      const list = await ledger.evaluate<EligibilityContract, Eligibility[]>(contract, 'ListBySubject', finance, alice);
      expect(list.map((e) => e.programmeId)).toEqual(['DISABILITY_LIVING', 'MINIMUM_LIVING']);
    });

    it.each([
      ['an unknown programme', [grantFor(alice), grantFor(bob, 'ELDERLY_ALLOWANCE')], '[UNKNOWN_PROGRAM] grants[1]: programme ELDERLY_ALLOWANCE does not exist'],
      ['a failed check', [grantFor(alice), grantFor(bob, 'MINIMUM_LIVING', { checks: [{ check: 'IDENTITY', result: 'FAIL', sourceSystem: 'population' }] })], '[CHECKS_FAILED] grants[1]: checks failed: IDENTITY'],
    ])('refuses the whole import for %s in it, naming the grant, and writes nothing', async (_case, grants, message) => {
      await expect(grantMany(importOf(grants))).rejects.toThrow(message);
      await expect(read(alice, 'MINIMUM_LIVING')).rejects.toThrow('[NOT_FOUND]');
    });

    it('refuses a grant the single grant refuses: already ACTIVE, or the subject recorded dead', async () => {
      await act(ledger, 'Grant');
      await expect(grantMany(importOf([grantFor(bob), grantFor(alice)]))).rejects.toThrow('[INVALID_TRANSITION] grants[1]: GRANT is not allowed from ACTIVE');
      await ledger.submit(new DeathContract(), 'RecordDeath', civilAffairs, json({ subjectRef: bob, dateOfDeath: '2024-05-03', source: 'CITY_DEATH_REGISTRY' }));
      await expect(grantMany(importOf([grantFor(alice, 'DISABILITY_LIVING'), grantFor(bob)]))).rejects.toThrow('[DECEASED] grants[1]: the subject died on 2024-05-03');
      await expect(read(alice, 'DISABILITY_LIVING')).rejects.toThrow('[NOT_FOUND]');
    });

    it('refuses a subject and programme twice, an empty import and one over the limit, as VALIDATION', async () => {
      await expect(grantMany(importOf([grantFor(alice), grantFor(bob), grantFor(alice, 'MINIMUM_LIVING', { decisionRef: 'again' })]))).rejects.toThrow(
        '[VALIDATION] import.grants[2]: repeats the subjectRef and programmeId of an earlier grant',
      );
      await expect(grantMany(importOf([]))).rejects.toThrow('[VALIDATION] import.grants');
      const tooMany = Array.from({ length: MAX_GRANTS_PER_IMPORT + 1 }, (_, i) => grantFor(pseudonym(`s${i}`)));
      await expect(grantMany(importOf(tooMany))).rejects.toThrow('[VALIDATION] import.grants');
      await expect(read(alice, 'MINIMUM_LIVING')).rejects.toThrow('[NOT_FOUND]');
    });

    it('only civil affairs imports grants', async () => {
      await expect(grantMany(importOf([grantFor(alice)]), finance)).rejects.toThrow('[FORBIDDEN]');
      await expect(grantMany(importOf([grantFor(alice)]), audit)).rejects.toThrow('[FORBIDDEN]');
    });
  });
});

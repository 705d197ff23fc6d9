/**
 * Rule proofs end to end: payment decisions made through the gateway on the real network, their
 * rule proofs fetched over HTTP and checked offline (library and CLI) from the channel's trust
 * anchor: the chaincode's rules, re-run on the facts proven from the chain, give what was written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { trustFromGenesisBlock, verifyRuleProof, type RuleProof } from '../gateway/src/verify';
import { citizenOfRun, get, post, runTag } from './support/api';
import { REPO_ROOT, RUN_DIR } from './support/test-network';

const programmeId = `RULES_${runTag}`;
const eligible = citizenOfRun(711, '310106');
const neverEligible = citizenOfRun(712, '310106');
const deceased = citizenOfRun(713, '310106');
const paidThenDead = citizenOfRun(714, '310106');
const dir = mkdtempSync(path.join(tmpdir(), 'welfare-rules-'));
const CLI = path.join(REPO_ROOT, 'gateway', 'bin', 'welfare-ledger.js');
const GENESIS = path.join(RUN_DIR, 'shared', 'welfare.block');
const trust = trustFromGenesisBlock(readFileSync(GENESIS));
const account = '6222020000007711';

function cliVerifyRules(proof: unknown): { code: number; out: string } {
  const file = path.join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(proof));
  writeFileSync(path.join(dir, 'welfare-trust.json'), JSON.stringify(trust));
  try {
    return { code: 0, out: execFileSync('node', [CLI, 'verify', '--rules', file, '--trust', path.join(dir, 'welfare-trust.json')], { encoding: 'utf8' }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

async function ruleProof(txId: string): Promise<RuleProof> {
  const answer = await get(`/v1/proofs/rules/tx/${txId}`, 'audit-system');
  expect(answer.status).toBe(200);
  return answer.body as RuleProof;
}

const grant = (citizenId: string) => post('/v1/eligibility/grant', 'civil-affairs-system', {
  citizenId, programmeId, validFrom: '2026-01-01', districtCode: '310106', decisionRef: `RULES-${runTag}`,
  checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
});

describe('rule proofs of payments made on the real network', () => {
  beforeAll(async () => {
    expect((await post('/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'Rule proof allowance', nameZh: '规则证明津贴', monthlyCapFen: 120000 })).status).toBe(201);
    expect((await grant(eligible)).status).toBe(201);
    expect((await grant(deceased)).status).toBe(201);
    expect((await grant(paidThenDead)).status).toBe(201);
    expect((await post('/v1/deaths', 'civil-affairs-system', { citizenId: deceased, dateOfDeath: '2026-03-14', source: 'CITY_DEATH_DB' })).status).toBe(201);
  });

  test('a POSTED line: VERIFIED, the rules re-run on the proven facts, told in words (library and CLI)', async () => {
    const posted = await post('/v1/disbursements', 'finance-system', {
      lineId: `RULES-${runTag}-1`, programmeId, period: '2026-07', citizenId: eligible, amountFen: 120000, bankAccount: account, kind: 'REGULAR',
    });
    expect(posted.status).toBe(201);
    const proof = await ruleProof(posted.body.txId);
    expect(JSON.stringify(proof)).not.toContain(eligible);
    const result = verifyRuleProof(proof, { trust });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.definition?.rulesVersion).toBe('rules-1');
    expect(result.outcome?.explanations).toEqual([
      expect.stringMatching(new RegExp(`^line RULES-${runTag}-1 \\(REGULAR, 2026-07\\): POSTED: programme ${programmeId}, standard 1,200.00, block \\d+ tx \\d+; eligibility ACTIVE .* covers 2026-07; no death recorded \\(recording a death suspends every ACTIVE eligibility in the same transaction\\); period 2026-07 not yet paid; 1,200.00 ≤ standard 1,200.00$`)),
    ]);
    expect(result.checks.find((c) => c.check === 'caller')?.detail).toMatch(/^submitted by system finance-system/);

    const cli = cliVerifyRules(proof);
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/^ok +rule-version +definition in effect: welfare sequence \d+, version [0-9a-f]{12}\+rules-1/m);
    expect(cli.out).toMatch(/^VERIFIED: transaction [0-9a-f]{64} \(block \d+\) followed rules-1/m);
  });

  test('a batch: POSTED, NOT_ELIGIBLE, DECEASED and DUPLICATE lines all VERIFIED with their reasons', async () => {
    const line = (n: number, citizenId: string) => ({ lineId: `RULESB-${runTag}-${n}`, citizenId, amountFen: 50000, bankAccount: account, kind: 'REGULAR' });
    const posted = await post('/v1/disbursement-batches', 'finance-system', {
      batchId: `RULESB-${runTag}`, programmeId, period: '2026-08',
      lines: [line(1, eligible), line(2, neverEligible), line(3, deceased), line(4, eligible)],
    });
    expect(posted.status).toBe(201);
    const proof = await ruleProof(posted.body.txId);
    const result = verifyRuleProof(proof, { trust });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.outcome?.explanations.map((e) => /: (POSTED|REJECTED \w+)/.exec(e)?.[1])).toEqual(['POSTED', 'REJECTED NOT_ELIGIBLE', 'REJECTED DECEASED', 'REJECTED DUPLICATE']);
    expect(result.outcome?.explanations[2]).toMatch(/death recorded on 2026-03-14, block \d+ tx \d+/);
    expect(result.outcome?.explanations[3]).toContain('earlier lines of this batch');
  });

  test('the same real proof with the eligibility\'s writer bundle left out is refused', async () => {
    const posted = await post('/v1/disbursements', 'finance-system', {
      lineId: `RULES-${runTag}-2`, programmeId, period: '2026-09', citizenId: eligible, amountFen: 100, bankAccount: account, kind: 'REGULAR',
    });
    expect(posted.status).toBe(201);
    const proof = await ruleProof(posted.body.txId);
    const withoutEligibility = { ...proof, writers: proof.writers.filter((w) => !w.claims.some((c) => c.key.startsWith('\u0000eligibility\u0000'))) };
    expect(withoutEligibility.writers.length).toBe(proof.writers.length - 1);
    const result = verifyRuleProof(withoutEligibility, { trust });
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['facts']);
    expect(cliVerifyRules(withoutEligibility).code).toBe(1);
  });

  test("a death's effects: eligibility suspended and a payment after the month of death flagged, VERIFIED from the range reads", async () => {
    for (const period of ['2026-04', '2026-06']) {
      const paid = await post('/v1/disbursements', 'finance-system', {
        lineId: `RULESD-${runTag}-${period}`, programmeId, period, citizenId: paidThenDead, amountFen: 30000, bankAccount: account, kind: 'REGULAR',
      });
      expect(paid.status).toBe(201);
    }
    const recorded = await post('/v1/deaths', 'civil-affairs-system', { citizenId: paidThenDead, dateOfDeath: '2026-05-02', source: 'CITY_DEATH_DB' });
    expect(recorded.status).toBe(201);
    const result = verifyRuleProof(await ruleProof(recorded.body.txId), { trust });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checks.find((c) => c.check === 'range-reads')?.detail).toMatch(/^1 range read \(raw\)/);
    expect(result.outcome?.explanations).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^eligibility for ${programmeId} ACTIVE, block \\d+ tx \\d+: SUSPENDED \\(DECEASED\\)$`)),
      expect.stringMatching(/^periods 2026-06 to \d{4}-\d{2} looked up for each programme: 1 paid$/),
      `line RULESD-${runTag}-2026-06 paid 300.00 for 2026-06, after the month of death: overpayment OPEN`,
    ]));
  });

  test('an eligibility grant: VERIFIED, re-run from the programme, the death registry and the checks', async () => {
    const granted = await grant(citizenOfRun(715, '310106'));
    expect(granted.status).toBe(201);
    const result = verifyRuleProof(await ruleProof(granted.body.txId), { trust });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.outcome?.explanations).toEqual([
      expect.stringMatching(new RegExp(`^GRANT of ${programmeId}: was no eligibility at commit; programme ${programmeId} exists, block \\d+ tx \\d+; no death record at commit; checks IDENTITY PASS; now ACTIVE from 2026-01-01, district 310106$`)),
    ]);
  });

  test('an import of grants: all granted in one transaction, each re-run by the grant rule, VERIFIED; one refused grant refuses the import', async () => {
    const grants = [716, 717, 718].map((n) => ({
      citizenId: citizenOfRun(n, '310106'), programmeId, validFrom: '2026-02-01', districtCode: '310106', decisionRef: `IMPORT-${runTag}`,
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
    }));
    const imported = await post('/v1/eligibility/imports', 'civil-affairs-system', { grants });
    expect(imported.status).toBe(201);
    expect(imported.body.record).toEqual({ granted: 3 });
    const result = verifyRuleProof(await ruleProof(imported.body.txId), { trust });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.outcome?.explanations).toEqual([0, 1, 2].map((i) =>
      expect.stringMatching(new RegExp(`^grants\\[${i}\\]: GRANT of ${programmeId}: was no eligibility at commit; .*now ACTIVE from 2026-02-01, district 310106$`))));

    // The dead citizen's grant refuses the whole import: the new citizen before it is not granted either.
    const fresh = { ...grants[0], citizenId: citizenOfRun(719, '310106') };
    const diedBeforeGrant = citizenOfRun(720, '310106');
    expect((await post('/v1/deaths', 'civil-affairs-system', { citizenId: diedBeforeGrant, dateOfDeath: '2026-01-20', source: 'CITY_DEATH_DB' })).status).toBe(201);
    const refused = await post('/v1/eligibility/imports', 'civil-affairs-system', { grants: [fresh, { ...grants[0], citizenId: diedBeforeGrant }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'DECEASED', message: expect.stringContaining('grants[1]') });
    const unchanged = await post('/v1/eligibility/imports', 'civil-affairs-system', { grants: [fresh] });
    expect(unchanged.status).toBe(201);
  });
});


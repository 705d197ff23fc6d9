#!/usr/bin/env node
// Seeds demo data through the orgs' gateways, so it lands on the chain like any other write and
// every console screen has something to show: five programmes, twelve synthetic citizens in six
// Shanghai districts, monthly payment batches for May to October 2026 with a rejection of every
// reason, settlements and returns, a death after payment (overpayments, one recovered) and access
// events by systems of all three orgs. Deterministic: fixed ids, fixed content, fixed order, so a
// re-run changes nothing (repeats are answered with the first record, or 409 and left alone).
//   node scripts/demo-data.js <run directory>
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { makeResidentId } = require('../gateway/dist/privacy/resident-id');

const [runDir] = process.argv.slice(2);

/** An org's gateway: its URL (from its gateway.json) and the API key of one of its bootstrap systems. */
function gatewayOf(org, systemId) {
  const dir = path.join(runDir, 'orgs', org, 'gateway');
  const { port } = JSON.parse(readFileSync(path.join(dir, 'gateway.json'), 'utf8'));
  const keys = JSON.parse(readFileSync(path.join(dir, 'bootstrap-keys.json'), 'utf8'));
  return { baseUrl: `http://127.0.0.1:${port}`, apiKey: keys[systemId].apiKey };
}

const PROGRAMMES = [
  { id: 'DISABILITY_LIVING', nameEn: 'Living subsidy for people with disabilities in need', nameZh: '困难残疾人生活补贴', monthlyCapFen: 15000 },
  { id: 'DISABILITY_NURSING', nameEn: 'Nursing subsidy for people with severe disabilities', nameZh: '重度残疾人护理补贴', monthlyCapFen: 15000 },
  { id: 'ELDERLY_ALLOWANCE', nameEn: 'Elderly service allowance', nameZh: '高龄津贴', monthlyCapFen: 50000 },
  { id: 'MINIMUM_LIVING', nameEn: 'Minimum living guarantee', nameZh: '最低生活保障', monthlyCapFen: 130000 },
  { id: 'EXTREME_POVERTY', nameEn: 'Extreme-poverty support', nameZh: '特困人员救助供养', monthlyCapFen: 170000 },
];

// Synthetic citizens: valid IDs (GB 11643 check digit) for made-up people; programmes with the monthly amount in fen.
const person = (n, district, birth, seq, programmes) => ({ n, id: makeResidentId(district, birth, seq), district, programmes });
const CITIZENS = [
  person(1, '310104', '19380512', '021', { ELDERLY_ALLOWANCE: 30000 }),
  person(2, '310105', '19620830', '113', { DISABILITY_LIVING: 12000, DISABILITY_NURSING: 15000 }),
  person(3, '310106', '19751104', '245', { MINIMUM_LIVING: 124000 }),
  person(4, '310101', '19350217', '032', { ELDERLY_ALLOWANCE: 50000 }),
  person(5, '310101', '19580709', '147', { EXTREME_POVERTY: 165000 }),
  person(6, '310107', '19810321', '266', { DISABILITY_LIVING: 12000 }),
  person(7, '310107', '19331125', '018', { ELDERLY_ALLOWANCE: 50000, DISABILITY_NURSING: 15000 }), // dies on 2026-08-20
  person(8, '310110', '19690114', '352', { MINIMUM_LIVING: 98000 }),
  person(9, '310110', '19440603', '074', { EXTREME_POVERTY: 170000 }),
  person(10, '310105', '19361008', '186', { ELDERLY_ALLOWANCE: 30000 }),
  person(11, '310106', '19900427', '229', { DISABILITY_NURSING: 15000 }),
  person(12, '310104', '19720918', '311', { MINIMUM_LIVING: 112000 }),
];
const citizen = (n) => CITIZENS[n - 1];
const PERIODS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const DEATH = { n: 7, dateOfDeath: '2026-08-20' };
const account = (n) => `6222020000${String(n).padStart(8, '0')}`;
// Settlements and recoveries are dated the day the demo is loaded: the ledger refuses a settlement
// dated before its line was posted (today, on the chain) or in the future.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/**
 * The attempted wrong payments, one of each reason code, added to a month's batches:
 * [period, programme, line] (UNKNOWN_PROGRAM has a batch of its own, for a programme no one defined).
 */
const WRONG_LINES = [
  ['2026-06', 'ELDERLY_ALLOWANCE', { n: 3, amountFen: 30000, tag: 'NOT-ELIGIBLE' }],
  ['2026-07', 'MINIMUM_LIVING', { n: 3, amountFen: 124000, tag: 'DUPLICATE' }],
  ['2026-08', 'DISABILITY_LIVING', { n: 6, amountFen: 0, tag: 'INVALID-AMOUNT', kind: 'SUPPLEMENT' }],
  ['2026-09', 'ELDERLY_ALLOWANCE', { n: 10, amountFen: 25000, tag: 'OVER-CAP', kind: 'SUPPLEMENT' }],
  ['2026-09', 'CHILD_ALLOWANCE', { n: 12, amountFen: 20000, tag: 'UNKNOWN-PROGRAMME' }],
];
// DECEASED needs no line of its own: citizen 7's October lines are posted after the death.

async function call({ baseUrl, apiKey }, route, body) {
  const res = await fetch(baseUrl + route, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.ok) return json.replay ? 'already there' : 'posted';
  if (res.status === 409) return 'already there';
  throw new Error(`${route}: ${res.status} ${JSON.stringify(json.error)}`);
}

/** Runs `task` over `items`, `width` at a time (independent writes: other keys, other subjects). */
async function inParallel(items, width, task) {
  const results = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(task))));
  return results;
}

function batchesOf(period) {
  const batches = new Map();
  const lineOf = (programmeId, c, amountFen, tag, kind = 'REGULAR') => ({
    lineId: `DEMO-${programmeId}-${period}-${String(c.n).padStart(2, '0')}${tag ? `-${tag}` : ''}`,
    citizenId: c.id, amountFen, bankAccount: account(c.n), kind,
  });
  const add = (programmeId, line) => {
    if (!batches.has(programmeId)) batches.set(programmeId, { batchId: `DEMO-${programmeId}-${period}`, programmeId, period, lines: [] });
    batches.get(programmeId).lines.push(line);
  };
  for (const c of CITIZENS) for (const [programmeId, amountFen] of Object.entries(c.programmes)) add(programmeId, lineOf(programmeId, c, amountFen));
  for (const [p, programmeId, wrong] of WRONG_LINES) if (p === period) add(programmeId, lineOf(programmeId, citizen(wrong.n), wrong.amountFen, wrong.tag, wrong.kind));
  return [...batches.values()];
}

async function main() {
  const civil = gatewayOf('civilaffairs', 'civil-affairs-system');
  const finance = gatewayOf('finance', 'finance-system');
  const audit = gatewayOf('audit', 'audit-system');
  const counts = {};
  const note = (what, result) => (counts[`${what} ${result}`] = (counts[`${what} ${result}`] ?? 0) + 1);

  for (const programme of PROGRAMMES) note('programme', await call(civil, '/v1/programmes', programme));
  const grants = CITIZENS.flatMap((c) => Object.keys(c.programmes).map((programmeId) => ({ c, programmeId })));
  await inParallel(grants, 4, async ({ c, programmeId }) => note('eligibility', await call(civil, '/v1/eligibility/grant', {
    citizenId: c.id, programmeId, validFrom: '2026-01-01', districtCode: c.district,
    decisionRef: `DEMO-${programmeId}-${String(c.n).padStart(2, '0')}`,
    evidence: [{ kind: 'DECISION_LETTER', sha256: sha256(`demo decision letter ${programmeId} ${c.n}`) }],
    checks: [
      { check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' },
      { check: 'RESIDENCE', result: 'PASS', sourceSystem: 'civil-affairs-system' },
      { check: programmeId.startsWith('DISABILITY') ? 'DISABILITY_LEVEL' : 'ECONOMIC_STATUS', result: 'PASS', sourceSystem: 'civil-affairs-system' },
    ],
  })));

  const settle = [];
  for (const period of PERIODS) {
    if (period === '2026-10') note('death', await call(civil, '/v1/deaths', { citizenId: citizen(DEATH.n).id, dateOfDeath: DEATH.dateOfDeath, source: 'DEATH_REGISTRY' }));
    const batches = batchesOf(period);
    await inParallel(batches, 3, async (batch) => note('batch', await call(finance, '/v1/disbursement-batches', batch)));
    // September's regular lines are settled by the bank (on the day the demo is loaded), two of them returned (a closed account).
    if (period === '2026-09') settle.push(...batches.filter((b) => b.programmeId !== 'CHILD_ALLOWANCE').flatMap((b) => b.lines.filter((l) => l.kind === 'REGULAR')));
  }
  const returned = new Set([`DEMO-MINIMUM_LIVING-2026-09-08`, `DEMO-DISABILITY_LIVING-2026-09-06`]);
  await inParallel(settle, 4, async (line) => note('settlement', await call(finance, `/v1/disbursements/${line.lineId}/settlement`, {
    outcome: returned.has(line.lineId) ? 'RETURNED' : 'SETTLED', bankRef: `BANK-${line.lineId}`, date: TODAY,
  })));
  // Citizen 7 died on 2026-08-20: September's two payments are overpayments; the bank recovers one.
  note('recovery', await call(finance, '/v1/overpayments/DEMO-ELDERLY_ALLOWANCE-2026-09-07/recovery', { recoveryRef: 'RECOVERY-DEMO-07', date: TODAY }));

  const accesses = [
    [civil, 'civil-affairs-system', 2, 'CASE_HANDLING', 'WL.ELIGIBILITY', ['eligibility', 'checks'], '2026-06-02T01:15:00Z'],
    [civil, 'civil-affairs-system', 7, 'DEATH_VERIFICATION', 'WL.DEATHS', ['death'], '2026-08-25T02:02:00Z'],
    [civil, 'civil-affairs-system', 3, 'ELIGIBILITY_REVIEW', 'WL.ELIGIBILITY', ['eligibility'], '2026-07-11T06:40:00Z'],
    [finance, 'finance-system', 2, 'DISBURSEMENT_VERIFICATION', 'WL.DISBURSEMENTS', ['disbursements', 'accountRef'], '2026-09-27T08:20:00Z'],
    [finance, 'finance-system', 7, 'DISBURSEMENT_VERIFICATION', 'WL.DISBURSEMENTS', ['disbursements'], '2026-09-27T08:21:00Z'],
    [finance, 'finance-system', 5, 'DISBURSEMENT_VERIFICATION', 'WL.DISBURSEMENTS', ['disbursements'], '2026-09-27T08:22:00Z'],
    [audit, 'audit-system', 2, 'AUDIT', 'WL.BENEFICIARY_HISTORY', ['eligibility', 'disbursements'], '2026-10-09T03:00:00Z'],
    [audit, 'audit-system', 7, 'INSPECTION', 'WL.BENEFICIARY_HISTORY', ['deaths', 'overpayments'], '2026-10-09T03:05:00Z'],
  ];
  for (const via of [civil, finance, audit]) {
    const events = accesses.filter(([g]) => g === via).map(([, system, n, purpose, datasetCode, fields, accessedAt], i) => ({
      eventId: `DEMO-ACCESS-${system}-${i + 1}`, accessorSystemId: system, citizenId: citizen(n).id, datasetCode, fields, purpose,
      legalBasis: '社会救助暂行办法 第十一条 / Interim Measures on Social Assistance, art. 11', accessedAt, resultCount: 1,
    }));
    note('access events', await call(via, '/v1/access-events', events));
  }
  console.log('demo data:', Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', '));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`demo data failed: ${err.message}`);
    process.exit(1);
  });
}

// The console's browser test reads the demo's people and dates from here rather than copying them.
module.exports = { CITIZENS, PERIODS, DEATH };

#!/usr/bin/env node
// Seeds demo data through the orgs' gateways (so it lands on the chain like any other write): the
// five subsidy programmes and a few eligible citizens through Civil Affairs' gateway, one month of
// payments through Finance's. Safe to re-run: records that already exist answer 409 and are left.
//   node scripts/demo-data.js <run directory>
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { makeResidentId } = require('../gateway/dist/privacy/resident-id');

const [runDir] = process.argv.slice(2);

/** An org's gateway: its URL (from its gateway.json) and the API key of one of its bootstrap systems. */
function gatewayOf(org, systemId) {
  const dir = path.join(runDir, 'gateways', org);
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

// Synthetic citizens: valid IDs (GB 11643 check digit) for made-up people in Shanghai districts.
const CITIZENS = [
  { id: makeResidentId('310104', '19380512', '021'), district: '310104', programmes: ['ELDERLY_ALLOWANCE'] },
  { id: makeResidentId('310105', '19620830', '113'), district: '310105', programmes: ['DISABILITY_LIVING', 'DISABILITY_NURSING'] },
  { id: makeResidentId('310106', '19751104', '245'), district: '310106', programmes: ['MINIMUM_LIVING'] },
];

async function call({ baseUrl, apiKey }, route, body) {
  const res = await fetch(baseUrl + route, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.ok) return 'posted (a repeat returns the first record)';
  if (res.status === 409) return 'already there';
  throw new Error(`${route}: ${res.status} ${JSON.stringify(json.error)}`);
}

async function main() {
  const civil = gatewayOf('civilaffairs', 'civil-affairs-system');
  const finance = gatewayOf('finance', 'finance-system');
  const counts = {};
  const note = (what, result) => (counts[`${what} ${result}`] = (counts[`${what} ${result}`] ?? 0) + 1);

  for (const programme of PROGRAMMES) note('programme', await call(civil, '/v1/programmes', programme));
  for (const citizen of CITIZENS) {
    for (const programmeId of citizen.programmes) {
      note('eligibility', await call(civil, '/v1/eligibility/grant', {
        citizenId: citizen.id, programmeId, validFrom: '2026-01-01', districtCode: citizen.district,
        decisionRef: `DEMO-${programmeId}-${citizen.district}`,
        checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
      }));
    }
  }
  let n = 0;
  for (const citizen of CITIZENS) {
    for (const programmeId of citizen.programmes) {
      n += 1;
      note('disbursement', await call(finance, '/v1/disbursements', {
        lineId: `DEMO-2026-10-${n}`, programmeId, period: '2026-10', citizenId: citizen.id,
        amountFen: 10000, bankAccount: `62220200000000${String(n).padStart(4, '0')}`, kind: 'REGULAR',
      }));
    }
  }
  console.log('demo data:', Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', '));
}

main().catch((err) => {
  console.error(`demo data failed: ${err.message}`);
  process.exit(1);
});

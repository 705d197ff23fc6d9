/**
 * The off-chain index on the real network: a beneficiary's history across programmes including
 * who read their data, answers identical after a rebuild from block 0, and a gateway restart that
 * picks up what was written while it was down, with no gap and no duplicate.
 */
import { citizenOfRun, get, post, runTag } from './support/api';
import { connectDirect } from './support/fabric-client';
import { runScript } from './support/scripts';

const living = `IDX_LIVING_${runTag}`;
const nursing = `IDX_NURSING_${runTag}`;
const citizen = citizenOfRun(501, '310107');
let subjectRef: string;

const history = (as: 'audit-system' | 'civil-affairs-system', purpose: string, query = '') =>
  post(`/v1/beneficiaries/history?purpose=${purpose}${query}`, as, { citizenId: citizen });

beforeAll(async () => {
  for (const id of [living, nursing]) {
    expect((await post('/v1/programmes', 'civil-affairs-system', { id, nameEn: id, nameZh: '测试', monthlyCapFen: 20000 })).status).toBe(201);
    const grant = await post('/v1/eligibility/grant', 'civil-affairs-system', {
      citizenId: citizen, programmeId: id, validFrom: '2026-01-01', districtCode: '310107', decisionRef: 'IDX',
      checks: [{ check: 'DISABILITY_LEVEL', result: 'PASS', sourceSystem: 'disability-federation' }],
    });
    expect(grant.status).toBe(201);
    subjectRef = grant.body.record.subjectRef;
    expect((await post('/v1/disbursements', 'finance-system', {
      lineId: `IDX-${runTag}-${id}`, programmeId: id, period: '2026-03', citizenId: citizen, amountFen: 15000, bankAccount: '6222020000007777', kind: 'REGULAR',
    })).status).toBe(201);
  }
  const access = await post('/v1/access-events', 'finance-system', {
    citizenId: citizen, datasetCode: 'JM.DISABILITY', fields: ['disabilityLevel'], purpose: 'DISBURSEMENT_VERIFICATION',
    legalBasis: 'subsidy rules art. 7', accessedAt: '2026-03-02T09:00:00Z', resultCount: 1,
  });
  expect(access.status).toBe(201);
});

describe("a beneficiary's history", () => {
  it('holds eligibility, payments across programmes and the access to their data, in chain order', async () => {
    const answer = await history('audit-system', 'INSPECTION');
    expect(answer.status).toBe(200);
    expect(answer.body.subjectRef).toBe(subjectRef);
    const entries = answer.body.items.map((e: any) => `${e.kind} ${e.action} ${e.record.programmeId ?? e.record.datasetCode}`);
    expect(entries).toEqual([
      `Eligibility GRANT ${living}`,
      `DisbursementLine POSTED ${living}`,
      `Eligibility GRANT ${nursing}`,
      `DisbursementLine POSTED ${nursing}`,
      'AccessEvent ACCESSED JM.DISABILITY',
    ]);
    for (const entry of answer.body.items) expect(entry.txId).toMatch(/^[0-9a-f]{64}$/);
    const blocks = answer.body.items.map((e: any) => e.blockNumber);
    expect([...blocks].sort((a, b) => a - b)).toEqual(blocks);
    expect(JSON.stringify(answer.body)).not.toContain(citizen);
  });

  it('records the read itself: the next history shows who looked, and why', async () => {
    const answer = await history('civil-affairs-system', 'CASE_HANDLING');
    const reads = answer.body.items.filter((e: any) => e.kind === 'AccessEvent' && e.record.datasetCode === 'WL.BENEFICIARY_HISTORY');
    expect(reads.map((e: any) => [e.record.accessorSystemId, e.record.purpose])).toContainEqual(['audit-system', 'INSPECTION']);
  });

  it('pages with a cursor without losing or repeating an entry', async () => {
    const whole = (await history('audit-system', 'AUDIT')).body.items.map((e: any) => `${e.txId}/${e.kind}/${e.action}`);
    const first = await history('audit-system', 'AUDIT', '&limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await history('audit-system', 'AUDIT', `&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const paged = [...first.body.items, ...second.body.items].map((e: any) => `${e.txId}/${e.kind}/${e.action}`);
    expect(paged).toEqual(whole.slice(0, paged.length));
  });
});

describe('the index is a cache of the chain', () => {
  it('gives identical answers after being dropped and rebuilt from block 0', async () => {
    const before = {
      summaries: (await get(`/v1/summaries?programmeId=${living}`, 'audit-system')).body,
      anomalies: (await get('/v1/anomalies', 'audit-system')).body,
      history: (await history('audit-system', 'AUDIT')).body.items,
    };
    runScript('index-rebuild.sh');
    const after = {
      summaries: (await get(`/v1/summaries?programmeId=${living}`, 'audit-system')).body,
      anomalies: (await get('/v1/anomalies', 'audit-system')).body,
      history: (await history('audit-system', 'AUDIT')).body.items,
    };
    expect(after.summaries.groups).toEqual(before.summaries.groups);
    expect(after.anomalies.rejections).toEqual(before.anomalies.rejections);
    expect(after.anomalies.openOverpayments).toEqual(before.anomalies.openOverpayments);
    // The second history read adds the first one's own access event, and nothing else.
    expect(after.history.slice(0, before.history.length)).toEqual(before.history);
    expect(after.history.slice(before.history.length).map((e: any) => e.record.datasetCode)).toEqual(['WL.BENEFICIARY_HISTORY']);
  });

  it('after a gateway restart, resumes from its checkpoint: writes made while it was down appear once', async () => {
    runScript('gateway-stop.sh');
    const finance = connectDirect('FinanceMSP');
    try {
      await finance.contract.submitTransaction('disbursement:PostDisbursement', JSON.stringify({
        lineId: `IDX-${runTag}-DOWN`, programmeId: living, period: '2026-04', subjectRef, amountFen: 15000, accountRef: 'c'.repeat(64), kind: 'REGULAR',
      }));
    } finally {
      finance.close();
    }
    runScript('gateway-start.sh');
    const items = (await history('audit-system', 'AUDIT')).body.items;
    const payments = items.filter((e: any) => e.kind === 'DisbursementLine').map((e: any) => e.record.lineId);
    expect(payments).toEqual([`IDX-${runTag}-${living}`, `IDX-${runTag}-${nursing}`, `IDX-${runTag}-DOWN`]);
    const keys = items.map((e: any) => `${e.txId}/${e.kind}/${e.action}/${e.record.lineId ?? e.record.eventId ?? e.record.programmeId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

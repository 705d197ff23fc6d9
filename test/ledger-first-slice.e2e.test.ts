/**
 * The first slice, end to end on the real network: programmes, a disbursement with its receipt,
 * a duplicate refused, a wrong org refused by the chaincode itself, and the same record on
 * every org's peer.
 */
import { EndorseError } from '@hyperledger/fabric-gateway';
import { citizenOfRun, get, post, runTag } from './support/api';
import { connectDirect, networkOrgs } from './support/fabric-client';

const programmeId = `E2E_${runTag}`;
const citizenId = citizenOfRun(357, '310104');
const line = (lineId: string) => ({
  lineId,
  programmeId,
  period: '2026-05',
  citizenId,
  amountFen: 12345,
  bankAccount: '6222 0202 0000 1234',
  kind: 'REGULAR',
});

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 40 && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

describe('the ledger on a real three-org Fabric network', () => {
  it('reports all three peers reachable with a block height', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.body.peers.map((p: { org: string }) => p.org).sort()).toEqual(['AuditMSP', 'CivilAffairsMSP', 'FinanceMSP']);
    for (const peer of health.body.peers) {
      expect(peer.reachable).toBe(true);
      expect(peer.height).toBeGreaterThan(0);
    }
  });

  it('civil affairs creates a programme and gets a receipt of the committed transaction', async () => {
    const created = await post('/v1/programmes', 'civil-affairs-system', {
      id: programmeId,
      nameEn: 'End-to-end test allowance',
      nameZh: '端到端测试津贴',
      monthlyCapFen: 50000,
    });
    expect(created.status).toBe(201);
    expect(created.body.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(created.body.blockNumber).toBeGreaterThan(0);
    expect(created.body.status).toBe('VALID');
    expect(created.body.record).toMatchObject({ id: programmeId, monthlyCapFen: 50000, ownerMsp: 'CivilAffairsMSP' });

    const read = await get(`/v1/programmes/${programmeId}`, 'finance-system');
    expect(read.status).toBe(200);
    expect(read.body.txId).toBe(created.body.txId);
  });

  it('finance posts a disbursement for an eligible citizen and reads it back with its txId', async () => {
    const granted = await post('/v1/eligibility/grant', 'civil-affairs-system', {
      citizenId,
      programmeId,
      validFrom: '2026-01-01',
      districtCode: '310104',
      decisionRef: `E2E-${runTag}`,
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
    });
    expect(granted.status).toBe(201);

    const posted = await post('/v1/disbursements', 'finance-system', line(`L-${runTag}-1`));
    expect(posted.status).toBe(201);
    expect(posted.body.status).toBe('VALID');
    expect(posted.body.blockNumber).toBeGreaterThan(granted.body.blockNumber);
    expect(posted.body.record).toMatchObject({ status: 'POSTED', amountFen: 12345, programmeId });
    // Only pseudonyms reach the ledger.
    expect(JSON.stringify(posted.body)).not.toContain(citizenId);
    expect(posted.body.record.subjectRef).toMatch(/^[0-9a-f]{64}$/);

    const read = await get(`/v1/disbursements/L-${runTag}-1?purpose=AUDIT`, 'audit-system');
    expect(read.status).toBe(200);
    expect(read.body.txId).toBe(posted.body.txId);
  });

  it('a second REGULAR payment for the same citizen, programme and period is refused 422 DUPLICATE', async () => {
    const duplicate = await post('/v1/disbursements', 'finance-system', line(`L-${runTag}-2`));
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.code).toBe('DUPLICATE');
    expect((await get(`/v1/disbursements/L-${runTag}-2?purpose=DISBURSEMENT_VERIFICATION`, 'finance-system')).status).toBe(404);
  });

  it('the gateway refuses finance creating a programme (403) and writes nothing', async () => {
    const refused = await post('/v1/programmes', 'finance-system', {
      id: `${programmeId}_FIN`, nameEn: 'x', nameZh: 'x', monthlyCapFen: 1,
    });
    expect(refused.status).toBe(403);
    expect((await get(`/v1/programmes/${programmeId}_FIN`, 'finance-system')).status).toBe(404);
  });

  it('the chaincode itself refuses a FinanceMSP identity creating a programme, through a direct Fabric client', async () => {
    const finance = connectDirect('FinanceMSP');
    try {
      const input = JSON.stringify({ id: `${programmeId}_DIRECT`, nameEn: 'x', nameZh: 'x', monthlyCapFen: 1 });
      const refusal = await finance.contract.submitTransaction('programme:CreateProgramme', input).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refusal).toBeInstanceOf(EndorseError);
      const messages = (refusal as EndorseError).details.map((detail) => detail.message).join(' ');
      expect(messages).toContain('[FORBIDDEN]');
    } finally {
      finance.close();
    }
    expect((await get(`/v1/programmes/${programmeId}_DIRECT`, 'civil-affairs-system')).status).toBe(404);
  });

  it('every org reads the same disbursement record from its own peer', async () => {
    const records: string[] = [];
    for (const org of networkOrgs()) {
      const client = connectDirect(org.mspId);
      try {
        const read = () => client.contract.evaluateTransaction('disbursement:ReadDisbursement', `L-${runTag}-1`).then((b) => Buffer.from(b).toString('utf8')).catch(() => '');
        records.push(await eventually(read, (text) => text !== ''));
      } finally {
        client.close();
      }
    }
    expect(records).toHaveLength(3);
    expect(records[0]).toContain(`"lineId":"L-${runTag}-1"`);
    expect(new Set(records).size).toBe(1);
  });
});

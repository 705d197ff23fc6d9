/**
 * "Service never stops, data never lost": with one orderer and one org's peer killed outright,
 * payments still commit (Raft keeps a majority of orderers, the endorsement policy a majority of
 * orgs); restarted, the peer catches up and holds every acknowledged record.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { citizenOfRun, get, post, request, runTag } from './support/api';
import { connectDirect } from './support/fabric-client';
import { runScript } from './support/scripts';
import { gatewayUrl, RUN_DIR } from './support/test-network';

const programmeId = `RES_${runTag}`;
const citizen = citizenOfRun(601, '310108');

function kill(node: string): void {
  const pid = Number(readFileSync(path.join(RUN_DIR, 'pids', `${node}.pid`), 'utf8'));
  process.kill(pid, 'SIGKILL');
}

async function until(check: () => Promise<boolean>, ms = 60000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 500));
  }
}

it('payments acknowledged while an orderer and a peer are down are on every peer once they are back', async () => {
  expect((await post('/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'r', nameZh: '韧', monthlyCapFen: 50000 })).status).toBe(201);
  expect((await post('/v1/eligibility/grant', 'civil-affairs-system', {
    citizenId: citizen, programmeId, validFrom: '2026-01-01', districtCode: '310108', decisionRef: 'RES',
    checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
  })).status).toBe(201);

  const auditReady = () => request('GET', '/health/ready', undefined, undefined, gatewayUrl('audit'));
  expect((await auditReady()).status).toBe(200);

  kill('orderer2');
  kill('peer-audit');
  await until(async () => (await get('/health')).status === 503);
  // Audit's gateway cannot endorse without its own peer: not ready, and it says which check failed.
  await until(async () => (await auditReady()).status === 503);
  const notReady = await auditReady();
  expect(notReady.body.checks.find((c: { name: string }) => c.name === 'endorsement').ok).toBe(false);

  // While the orderers elect a new Raft leader the gateway answers 503 (nothing acknowledged);
  // a client retries the same lineId, which the ledger treats as the same payment.
  const acknowledged: string[] = [];
  let unavailable = 0;
  for (const month of ['01', '02', '03']) {
    const lineId = `RES-${runTag}-${month}`;
    const line = { lineId, programmeId, period: `2026-${month}`, citizenId: citizen, amountFen: 1000, bankAccount: '6222020000000009', kind: 'REGULAR' };
    let answer = await post('/v1/disbursements', 'finance-system', line);
    for (let i = 0; i < 60 && answer.status === 503; i++) {
      unavailable++;
      await new Promise((r) => setTimeout(r, 1000));
      answer = await post('/v1/disbursements', 'finance-system', line);
    }
    expect(answer.status).toBe(201);
    acknowledged.push(lineId);
  }
  expect(unavailable).toBeLessThan(60);

  runScript('network-up.sh'); // restarts exactly the nodes that are not running
  await until(async () => (await get('/health')).status === 200);
  // Ready again only once its peer endorses and has caught up; then a write through it succeeds at once.
  await until(async () => (await auditReady()).status === 200, 120000);

  const audit = connectDirect('AuditMSP');
  try {
    for (const lineId of acknowledged) {
      await until(async () =>
        audit.contract.evaluateTransaction('disbursement:ReadDisbursement', lineId).then(() => true, () => false),
      );
    }
  } finally {
    audit.close();
  }
  await until(async () => new Set((await get('/health')).body.peers.map((p: { height: number }) => p.height)).size === 1);

  // And the restarted org writes again through its own peer (its chaincode and gossip are back).
  await until(async () => {
    const logged = await post('/v1/access-events', 'audit-system', {
      subjectRef: 'd'.repeat(64), datasetCode: 'JM.T01', fields: ['name'], purpose: 'AUDIT', legalBasis: 'resilience test',
      accessedAt: '2026-11-01T00:00:00Z', resultCount: 1,
    });
    return logged.status === 201;
  }, 120000);
});

it('with two of three orderers down there is no Raft leader: gateways say not ready (raftLeader) although their peers endorse, and ready again once the orderers are back', async () => {
  const financeReady = () => request('GET', '/health/ready', undefined, undefined, gatewayUrl('finance'));
  await until(async () => (await financeReady()).status === 200, 120000);
  const check = (body: { checks: { name: string; ok: boolean; detail: string }[] }, name: string) => body.checks.find((c) => c.name === name)!;
  expect(check((await financeReady()).body, 'raftLeader')).toMatchObject({ ok: true, detail: expect.stringMatching(/^orderer\d leads welfare/) });

  kill('orderer1');
  kill('orderer3');
  // The remaining orderer loses its quorum; under CheckQuorum a leader steps down within an election timeout.
  await until(async () => (await financeReady()).status === 503, 60000);
  const notReady = (await financeReady()).body;
  expect(check(notReady, 'raftLeader')).toMatchObject({ ok: false, detail: expect.stringContaining('no orderer reports a Raft leader for welfare') });
  expect(check(notReady, 'endorsement').ok).toBe(true);

  runScript('network-up.sh');
  await until(async () => (await financeReady()).status === 200, 120000);
  expect(check((await financeReady()).body, 'raftLeader').ok).toBe(true);
});

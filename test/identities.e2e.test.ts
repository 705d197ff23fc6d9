/**
 * One identity per system, straight at the peers: a certificate each org's Fabric CA issues for a
 * registered system (welfare.systemId, welfare.roles) is valid for the org's MSP; the chaincode
 * enforces the role it names and refuses it once the registry retires the system; a Finance
 * certificate cannot write as Civil Affairs; and the block's creator is the system's certificate.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IdentityFiles } from '../gateway/src/config';
import { loadConfig } from '../gateway/src/config';
import { ChainQueries } from '../gateway/src/proofs/chain-queries';
import { decodeTransaction } from '../gateway/src/verify/fabric/transaction';
import { citizenOfRun, post, runTag } from './support/api';
import { enrollAtCa } from './support/ca';
import { heldIdentity, submitDirect } from './support/fabric-client';
import { gatewayDir, gatewayUrl } from './support/test-network';

const programmeId = `IDS_${runTag}`;
const citizen = citizenOfRun(601, '310108');
let subjectRef: string;

const paymentSystem = `pay-${runTag}`.toLowerCase();
const loggerSystem = `log-${runTag}`.toLowerCase();
let paymentCert: IdentityFiles;
let loggerCert: IdentityFiles;

const line = (n: number) =>
  JSON.stringify({ lineId: `IDS-${runTag}-${n}`, programmeId, period: `2026-0${n}`, subjectRef, amountFen: 1000, accountRef: 'd'.repeat(64), kind: 'REGULAR' });

const submitAs = (identity: IdentityFiles, fn: string, arg: string) => submitDirect('FinanceMSP', identity, fn, arg);

beforeAll(async () => {
  expect((await post('/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'Identity test', nameZh: '身份测试', monthlyCapFen: 5000 })).status).toBe(201);
  const grant = await post('/v1/eligibility/grant', 'civil-affairs-system', {
    citizenId: citizen, programmeId, validFrom: '2026-01-01', districtCode: '310108', decisionRef: 'IDS',
    checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
  });
  expect(grant.status).toBe(201);
  subjectRef = grant.body.record.subjectRef;
  for (const [systemId, roles] of [[paymentSystem, ['finance']], [loggerSystem, ['access-log']]] as const) {
    expect((await post('/v1/systems', 'finance-admin', { systemId, name: systemId, roles })).status).toBe(201);
  }
  // The identities Finance's gateway enrolled for them at registration, used here straight at the peer.
  paymentCert = heldIdentity('finance', paymentSystem);
  loggerCert = heldIdentity('finance', loggerSystem);
});

describe("a system's own certificate from its org's CA", () => {
  it('posts a payment as itself: the block names the payment system\'s certificate as creator', async () => {
    const { txId, refusal } = await submitAs(paymentCert, 'disbursement:PostDisbursement', line(1));
    expect(refusal).toBeUndefined();
    const queries = new ChainQueries(loadConfig({ WELFARE_GATEWAY_CONFIG: path.join(gatewayDir('finance'), 'gateway.json') }));
    try {
      const block = await queries.blockByTxId(txId!);
      const envelope = block.getData()!.getDataList_asU8().map((bytes) => decodeTransaction(bytes)).find((tx) => tx.txId === txId)!;
      expect(envelope.creator.mspId).toBe('FinanceMSP');
      expect(envelope.creator.certificatePem.trim()).toBe(readFileSync(paymentCert.cert, 'utf8').trim());
    } finally {
      queries.close();
    }
  });

  it("speaks for the system only if it is the certificate the registry holds: another one from the CA is refused", async () => {
    const another = enrollAtCa('finance', `${paymentSystem}-copy`, { 'welfare.systemId': paymentSystem, 'welfare.roles': 'finance' });
    const { refusal } = await submitAs(another, 'disbursement:PostDisbursement', line(4));
    expect(refusal).toContain(`[FORBIDDEN] the certificate is not the one registered for system ${paymentSystem}`);
  });

  it('is held to the role it names: an access-log system may not post a payment', async () => {
    const { refusal } = await submitAs(loggerCert, 'disbursement:PostDisbursement', line(2));
    expect(refusal).toContain('[FORBIDDEN]');
  });

  it('cannot write as Civil Affairs: a Finance certificate is refused a programme', async () => {
    const { refusal } = await submitAs(paymentCert, 'programme:CreateProgramme', JSON.stringify({ id: `${programmeId}_X`, nameEn: 'x', nameZh: 'x', monthlyCapFen: 1 }));
    expect(refusal).toContain('[FORBIDDEN] FinanceMSP may not write programmes');
  });

  it('is refused by the chaincode once the registry retires the system', async () => {
    expect((await post(`/v1/systems/${paymentSystem}/retire`, 'finance-admin', {})).status).toBe(200);
    const { refusal } = await submitAs(paymentCert, 'disbursement:PostDisbursement', line(3));
    expect(refusal).toContain(`[FORBIDDEN] system ${paymentSystem} is RETIRED`);
  });
});

describe('through the gateway, each system signs with its own identity', () => {
  it("a payment posted by a registered system: its block's creator is that system's certificate, whose fingerprint the registry holds", async () => {
    const systemId = `gwpay-${runTag}`.toLowerCase();
    const registered = await post('/v1/systems', 'finance-admin', { systemId, name: systemId, roles: ['finance'] });
    expect(registered.status).toBe(201);
    const certPem = readFileSync(path.join(gatewayDir('finance'), 'systems', systemId, 'msp', 'signcerts', 'cert.pem'), 'utf8');
    expect(registered.body.record.certFingerprint).toBe(createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex'));

    const res = await fetch(`${gatewayUrl('finance')}/v1/disbursements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registered.body.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lineId: `IDS-${runTag}-GW`, programmeId, period: '2026-05', citizenId: citizen, amountFen: 1000, bankAccount: '6222020000000009', kind: 'REGULAR' }),
    });
    expect(res.status).toBe(201);
    const { txId } = (await res.json()) as { txId: string };
    const queries = new ChainQueries(loadConfig({ WELFARE_GATEWAY_CONFIG: path.join(gatewayDir('audit'), 'gateway.json') }));
    try {
      const block = await queries.blockByTxId(txId);
      const tx = block.getData()!.getDataList_asU8().map((bytes) => decodeTransaction(bytes)).find((t) => t.txId === txId)!;
      expect(tx.creator.certificatePem.trim()).toBe(certPem.trim());
      expect(new X509Certificate(tx.creator.certificatePem).subject).toContain(`CN=${systemId}`);
    } finally {
      queries.close();
    }
  });
});


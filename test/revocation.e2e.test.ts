/**
 * Revocation that Fabric enforces: revoking a system through its org's gateway revokes its
 * certificate at the org's CA; once scripts/channel-crl-update.sh has put the CA's CRL into the
 * channel configuration (signed by a majority of the orgs' admins), the peers themselves refuse the
 * certificate, before any chaincode runs, while another system of the same org still writes.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { IdentityFiles } from '../gateway/src/config';
import { citizenOfRun, post, runTag } from './support/api';
import { heldIdentity, submitDirect } from './support/fabric-client';
import { gatewayDir, networkEnv, REPO_ROOT, RUN_DIR } from './support/test-network';

const programmeId = `CRL_${runTag}`;
const citizen = citizenOfRun(611, '310108');
let subjectRef: string;

const revokedSystem = `crl-rev-${runTag}`.toLowerCase();
const otherSystem = `crl-ok-${runTag}`.toLowerCase();
let revokedCert: IdentityFiles;
let otherCert: IdentityFiles;

const line = (n: number) =>
  JSON.stringify({ lineId: `CRL-${runTag}-${n}`, programmeId, period: `2026-0${n}`, subjectRef, amountFen: 1000, accountRef: 'e'.repeat(64), kind: 'REGULAR' });

const payAs = (identity: IdentityFiles, n: number) => submitDirect('FinanceMSP', identity, 'disbursement:PostDisbursement', line(n));

function channelCrlUpdate(org: string): string {
  return execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'channel-crl-update.sh'), org], { env: networkEnv, encoding: 'utf8' });
}

beforeAll(async () => {
  expect((await post('/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'CRL test', nameZh: '吊销测试', monthlyCapFen: 5000 })).status).toBe(201);
  const grant = await post('/v1/eligibility/grant', 'civil-affairs-system', {
    citizenId: citizen, programmeId, validFrom: '2026-01-01', districtCode: '310108', decisionRef: 'CRL',
    checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
  });
  expect(grant.status).toBe(201);
  subjectRef = grant.body.record.subjectRef;
  for (const systemId of [revokedSystem, otherSystem]) {
    expect((await post('/v1/systems', 'finance-admin', { systemId, name: systemId, roles: ['finance'] })).status).toBe(201);
  }
  revokedCert = heldIdentity('finance', revokedSystem);
  otherCert = heldIdentity('finance', otherSystem);
});

describe("a revoked system's certificate, once the org's CRL is in the channel configuration", () => {
  it('writes with its own certificate before it is revoked', async () => {
    const { txId, refusal } = await payAs(revokedCert, 1);
    expect(refusal).toBeUndefined();
    expect(txId).toBeDefined();
  });

  it('is revoked at the CA when the system is revoked through its gateway, which records what it revoked', async () => {
    const res = await post(`/v1/systems/${revokedSystem}/revoke-key`, 'finance-admin', {});
    expect(res.status).toBe(200);
    const cert = new X509Certificate(readFileSync(revokedCert.cert));
    expect(res.body.revokedCertificate).toMatchObject({ systemId: revokedSystem, serial: cert.serialNumber.toLowerCase() });
    const recorded = readFileSync(path.join(gatewayDir('finance'), 'systems', revokedSystem, 'revocations.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(recorded[recorded.length - 1])).toMatchObject({ serial: cert.serialNumber.toLowerCase(), fingerprint: res.body.revokedCertificate.fingerprint });
  });

  it('revoking it again is refused by the chain (409), the CA having revoked the certificate already', async () => {
    const again = await post(`/v1/systems/${revokedSystem}/revoke-key`, 'finance-admin', {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('is refused by the peers after channel-crl-update.sh, before the chaincode is asked', async () => {
    const out = channelCrlUpdate('finance');
    expect(out).toContain('FinanceMSP: CRL update signed by the admins of finance civilaffairs');
    const { txId, refusal } = await payAs(revokedCert, 2);
    expect(txId).toBeUndefined();
    // Not the chaincode's registry check ([FORBIDDEN] ... REVOKED): the peer's creator check.
    expect(refusal).not.toContain('[FORBIDDEN]');
    expect(refusal).toMatch(/access denied/i);
    // The peer says why in its log: the MSP found the certificate on the channel's CRL.
    const peerLog = readFileSync(path.join(RUN_DIR, 'logs', 'peer-finance.log'), 'utf8');
    expect(peerLog).toMatch(new RegExp(`The certificate has been revoked \\(certificate subject=CN=${revokedSystem},`));
  });

  it('leaves another system of the same org writing', async () => {
    const { txId, refusal } = await payAs(otherCert, 3);
    expect(refusal).toBeUndefined();
    expect(txId).toBeDefined();
  });

  it('a second run finds the CRL already in the configuration and changes nothing', () => {
    expect(channelCrlUpdate('finance')).toContain('already holds the CA');
  });

  it('reinstating a system that is not revoked is refused and leaves its certificate as it was', async () => {
    const before = readFileSync(otherCert.cert, 'utf8');
    const res = await post(`/v1/systems/${otherSystem}/reinstate`, 'finance-admin', {});
    expect(res.status).toBe(409);
    expect(readFileSync(heldIdentity('finance', otherSystem).cert, 'utf8')).toBe(before);
  });

  it('a reinstated system writes again with a new certificate, which the registry records; the old one stays refused', async () => {
    // The gateway drops the old key and certificate on reinstatement: keep a copy to try them again.
    const kept = mkdtempSync(path.join(tmpdir(), 'welfare-crl-'));
    const old: IdentityFiles = { cert: path.join(kept, 'cert.pem'), key: path.join(kept, 'key_sk') };
    copyFileSync(revokedCert.cert, old.cert);
    copyFileSync(revokedCert.key, old.key);
    const oldCertPem = readFileSync(old.cert, 'utf8');
    const reinstated = await post(`/v1/systems/${revokedSystem}/reinstate`, 'finance-admin', {});
    expect(reinstated.status).toBe(200);
    const renewed = heldIdentity('finance', revokedSystem);
    const newCertPem = readFileSync(renewed.cert, 'utf8');
    expect(newCertPem).not.toBe(oldCertPem);
    expect(reinstated.body.record).toMatchObject({ status: 'ACTIVE', certFingerprint: createHash('sha256').update(new X509Certificate(newCertPem).raw).digest('hex') });
    expect((await payAs(renewed, 4)).refusal).toBeUndefined();
    expect((await payAs(old, 5)).refusal).toMatch(/access denied/i);
  });
});

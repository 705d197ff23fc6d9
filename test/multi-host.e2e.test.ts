/**
 * One host per organisation, on this machine: network namespaces made by hosts-up.sh, every
 * orderer on its own host and each org's two peers, CA and gateway on the org's host, reached by
 * hostname over the hosts' own addresses (WELFARE_TEST_HOSTS_SUBNET, default 10.78.0, namespaces
 * wlt-*, so a demo on 10.77.0 can run beside it). The payment, proof and audit flows cross hosts;
 * each org's material stays in its own directory (orgs/<org>/, test/support/org-dirs.ts); then an
 * org's first peer is killed and its writes go on through its second peer. Everything is
 * removed afterwards, also when a test fails.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { trustFromGenesisBlock, verifyBundle } from '../gateway/src/verify';
import { citizenOfRun, runTag } from './support/api';
import { foreignPathsOfNodes, misplacedPrivateKeys } from './support/org-dirs';
import { ORG_KEYS, PORT_BASE, REPO_ROOT, type OrgKey } from './support/test-network';

const SUBNET = process.env.WELFARE_TEST_HOSTS_SUBNET ?? '10.78.0';
const PREFIX = process.env.WELFARE_TEST_HOSTS_PREFIX ?? 'wlt';
const RUN_DIR = path.join(REPO_ROOT, '.network-test-hosts');
const GATEWAY_PORT = Number(process.env.WELFARE_TEST_GATEWAY_PORT ?? '18080');
const HOST_NUMBER: Record<OrgKey, number> = { civilaffairs: 21, finance: 22, audit: 23 };
const DOMAIN = (org: OrgKey) => `${org}.welfare.local`;

const env = {
  ...process.env,
  WELFARE_RUN_DIR: RUN_DIR,
  WELFARE_PORT_BASE: PORT_BASE,
  WELFARE_GATEWAY_PORT: String(GATEWAY_PORT),
  WELFARE_HOSTS_SUBNET: SUBNET,
  WELFARE_HOSTS_PREFIX: PREFIX,
};

function script(name: string): string {
  return execFileSync('bash', [path.join(REPO_ROOT, 'scripts', name)], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

type System = 'civil-affairs-system' | 'finance-system' | 'audit-system';
const ORG_OF: Record<System, OrgKey> = { 'civil-affairs-system': 'civilaffairs', 'finance-system': 'finance', 'audit-system': 'audit' };

/** A request to an org's gateway on its host, over HTTPS checked against the org's TLS CA. */
function call(method: string, route: string, as: System, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const org = ORG_OF[as];
  const dir = path.join(RUN_DIR, 'orgs', org, 'gateway');
  const key = JSON.parse(readFileSync(path.join(dir, 'bootstrap-keys.json'), 'utf8'))[as].apiKey;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: `${SUBNET}.${HOST_NUMBER[org]}`, port: GATEWAY_PORT + ORG_KEYS.indexOf(org), path: route, method,
        ca: readFileSync(path.join(dir, 'tls', 'ca.crt')), servername: `gateway.${DOMAIN(org)}`,
        headers: { authorization: `Bearer ${key}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function pidOf(node: string): number {
  return Number(readFileSync(path.join(RUN_DIR, 'pids', `${node}.pid`), 'utf8'));
}

async function until(check: () => Promise<boolean>, ms = 90000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 500));
  }
}

const programmeId = `MH_${runTag}`;
const citizen = citizenOfRun(701, '310104');
const line = (n: number) => ({
  lineId: `MH-${runTag}-${n}`, programmeId, period: `2026-0${n}`, citizenId: citizen, amountFen: 1200, bankAccount: '6222020000000077', kind: 'REGULAR',
});

describe('one host per organisation', () => {
  beforeAll(() => {
    script('hosts-up.sh');
    script('network-up.sh');
    script('deploy-chaincode.sh');
    script('gateway-start.sh');
  }, 600000);

  afterAll(() => {
    try {
      script('network-down.sh');
    } finally {
      script('hosts-down.sh');
      rmSync(RUN_DIR, { recursive: true, force: true });
    }
  }, 120000);

  test('every node runs in its own host\'s namespace, and certificates name its hostname and address', () => {
    const ns = (pid: number) => execFileSync('ip', ['netns', 'identify', String(pid)], { encoding: 'utf8' }).trim();
    for (const n of [1, 2, 3]) expect(ns(pidOf(`orderer${n}`))).toBe(`${PREFIX}-orderer${n}`);
    for (const org of ORG_KEYS) {
      for (const node of [`peer-${org}`, `peer-${org}-peer1`, `ca-${org}`, `gateway-${org}`]) expect(ns(pidOf(node))).toBe(`${PREFIX}-${org}`);
    }
    const tls = path.join(RUN_DIR, 'orgs', 'finance', 'peers', `peer1.${DOMAIN('finance')}`, 'tls', 'server.crt');
    const san = new X509Certificate(readFileSync(tls)).subjectAltName ?? '';
    expect(san).toContain(`DNS:peer1.${DOMAIN('finance')}`);
    expect(san).toContain(`IP Address:${SUBNET}.22`);
    const gateway = JSON.parse(readFileSync(path.join(RUN_DIR, 'orgs', 'finance', 'gateway', 'gateway.json'), 'utf8'));
    expect(gateway.peers.map((p: { peerEndpoint: string }) => p.peerEndpoint)).toEqual(
      ORG_KEYS.map((org) => `peer0.${DOMAIN(org)}:${Number(PORT_BASE) + 51 + 1000 * ORG_KEYS.indexOf(org)}`),
    );
    expect(gateway.standbyPeers.map((p: { mspId: string }) => p.mspId)).toEqual(['FinanceMSP']);
  });

  test("each org's material is in its own directory: no org holds another's private key, shared/ holds none, every node is started with its own org's paths only", () => {
    expect(misplacedPrivateKeys(RUN_DIR)).toEqual([]);
    const { nodes, foreign } = foreignPathsOfNodes(RUN_DIR);
    expect(nodes).toEqual(expect.arrayContaining(ORG_KEYS.flatMap((org) => [`peer-${org}`, `peer-${org}-peer1`, `ca-${org}`, `gateway-${org}`])));
    expect(foreign).toEqual([]);
  });

  test('a payment decided on Civil Affairs\' host and paid from Finance\'s is proven and audited from the others', async () => {
    expect((await call('POST', '/v1/programmes', 'civil-affairs-system', { id: programmeId, nameEn: 'Hosts', nameZh: '多主机', monthlyCapFen: 50000 })).status).toBe(201);
    expect((await call('POST', '/v1/eligibility/grant', 'civil-affairs-system', {
      citizenId: citizen, programmeId, validFrom: '2026-01-01', districtCode: '310104', decisionRef: 'MH',
      checks: [{ check: 'IDENTITY', result: 'PASS', sourceSystem: 'civil-affairs-system' }],
    })).status).toBe(201);
    const paid = await call('POST', '/v1/disbursements', 'finance-system', line(1));
    expect(paid.status).toBe(201);

    // Audit's host fetches the bundle; it is verified offline from the genesis block's trust anchor.
    await until(async () => (await call('GET', `/v1/proofs/tx/${paid.body.txId}`, 'audit-system')).status === 200);
    const bundle = (await call('GET', `/v1/proofs/tx/${paid.body.txId}`, 'audit-system')).body;
    const trust = trustFromGenesisBlock(readFileSync(path.join(RUN_DIR, 'shared', 'welfare.block')));
    const failed = verifyBundle(bundle, { trust }).checks.filter((c) => !c.ok);
    expect(failed).toEqual([]);

    // The whole-chain audit reads every org's peer across the hosts and finds them identical.
    const dir = mkdtempSync(path.join(tmpdir(), 'welfare-hosts-'));
    writeFileSync(path.join(dir, 'trust.json'), JSON.stringify(trust));
    const cli = path.join(REPO_ROOT, 'gateway', 'bin', 'welfare-ledger.js');
    const report = JSON.parse(execFileSync('node', [cli, 'audit', '--json', '--trust', path.join(dir, 'trust.json')], { env, encoding: 'utf8', maxBuffer: 64 << 20 }));
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.channelOrgs.map((o: { org: string }) => o.org).sort()).toEqual(['AuditMSP', 'CivilAffairsMSP', 'FinanceMSP']);
  });

  test("with Finance's first peer killed, Finance's writes go on through its second peer, once each, and its index follows the second peer", async () => {
    expect((await call('GET', '/health', 'finance-system')).body.submitsThrough).toBe(`peer0.${DOMAIN('finance')}`);
    process.kill(pidOf('peer-finance'), 'SIGKILL');
    const paid = await call('POST', '/v1/disbursements', 'finance-system', line(2));
    expect(paid.status).toBe(201);
    expect(paid.body.replay).toBe(false);
    const again = await call('POST', '/v1/disbursements', 'finance-system', line(2));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ replay: true, txId: paid.body.txId });
    expect((await call('GET', '/health', 'finance-system')).body.submitsThrough).toBe(`peer1.${DOMAIN('finance')}`);
    await until(async () => (await call('GET', '/health/ready', 'finance-system')).status === 200);

    // Finance's index followed peer0 until it died; it follows peer1 from its checkpoint: the new
    // payment is in it, each line once.
    const indexed = async () => (await call('GET', `/v1/summaries?programmeId=${programmeId}`, 'finance-system')).body;
    await until(async () => (await indexed()).asOf.blockNumber >= paid.body.blockNumber, 60000);
    expect((await indexed()).totals.posted).toEqual({ count: 2, totalFen: 2400 });
    const line3 = await call('POST', '/v1/disbursements', 'finance-system', line(3));
    expect(line3.status).toBe(201);
    await until(async () => (await indexed()).asOf.blockNumber >= line3.body.blockNumber, 60000);
    expect((await indexed()).totals.posted).toEqual({ count: 3, totalFen: 3600 });
  });
});

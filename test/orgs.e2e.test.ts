/**
 * One organisation, one gateway: each org's gateway is its own process, configured with its own
 * directory, holding only its own org's client identity (never an admin's, never another org's);
 * a system's key works only at its own org's gateway, and no gateway writes as another org.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { apiKey, post, request, runTag } from './support/api';
import { heightAround } from './support/chain';
import { networkOrgs } from './support/fabric-client';
import { gatewayDir, gatewayUrl, ORG_KEYS, ORG_MSP, RUN_DIR, type OrgKey } from './support/test-network';
import { foreignPathsOfNodes, misplacedPrivateKeys } from './support/org-dirs';

/** The command line of the running gateway process of an org, read from /proc. */
function gatewayCommandLine(org: OrgKey): string[] {
  const pid = readFileSync(path.join(RUN_DIR, 'pids', `gateway-${org}.pid`), 'utf8').trim();
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const organisationalUnits = (cert: X509Certificate) => [...cert.subject.matchAll(/^OU=(.*)$/gm)].map((m) => m[1]);

const publicKeyOf = (keyFile: string) => createPublicKey(createPrivateKey(readFileSync(keyFile))).export({ type: 'spki', format: 'der' }).toString('hex');

describe.each(ORG_KEYS)("%s's gateway", (org) => {
  const dir = gatewayDir(org);
  const mspId = ORG_MSP[org];

  it('is its own process, started with only its own gateway.json', () => {
    const args = gatewayCommandLine(org);
    const configFile = args[args.indexOf('--config') + 1];
    expect(configFile).toBe(path.join(dir, 'gateway.json'));
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    expect(config.mspId).toBe(mspId);
    expect(config).not.toHaveProperty('admin');
    // Every file it names lies inside its own directory.
    const named = [config.client.cert, config.client.key, ...config.peers.map((p: { tlsRootCert: string }) => p.tlsRootCert)];
    for (const file of named) expect(path.resolve(dir, file).startsWith(dir + path.sep)).toBe(true);
  });

  it("its CA runs without the registrar's secret on its command line, which any user can read (ps)", () => {
    const secret = readFileSync(path.join(dir, 'ca-registrar.secret'), 'utf8').trim();
    const pid = readFileSync(path.join(RUN_DIR, 'pids', `ca-${org}.pid`), 'utf8').trim();
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    expect(commandLine).toContain('fabric-ca-server');
    expect(secret.length).toBeGreaterThan(16);
    expect(commandLine).not.toContain(secret);
  });

  it("holds only non-admin client identities of its own org: its org's and its systems' own, none of another org", () => {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const keys = filesUnder(dir).filter((file) => /-----BEGIN (EC |)PRIVATE KEY-----/.test(readFileSync(file, 'utf8')));
    expect(keys.map((file) => path.relative(dir, file))).toContain(path.join('msp', 'keystore', 'key.pem'));
    const foreign = networkOrgs().flatMap((o) => [o.admin.key, ...(o.mspId === mspId ? [] : [o.client.key])]).map(publicKeyOf);
    for (const key of keys) {
      expect({ key, mode: statSync(key).mode & 0o777 }).toEqual({ key, mode: 0o600 });
      // The certificate beside each key (msp/keystore -> msp/signcerts): same key pair, OU=client, issued by the org's CA.
      const signcerts = path.join(path.dirname(path.dirname(key)), 'signcerts');
      const cert = new X509Certificate(readFileSync(path.join(signcerts, readdirSync(signcerts)[0])));
      expect(publicKeyOf(key)).toBe(cert.publicKey.export({ type: 'spki', format: 'der' }).toString('hex'));
      expect(organisationalUnits(cert)).toEqual(['client']);
      expect(cert.issuer).toContain(`O=${org}.welfare.local`);
      expect(foreign).not.toContain(publicKeyOf(key));
    }
  });

  it("issues API keys only to its own org's systems, in a file only its owner reads", () => {
    const file = path.join(dir, 'bootstrap-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const systems = Object.values(JSON.parse(readFileSync(file, 'utf8'))) as { mspId: string }[];
    expect(systems.length).toBeGreaterThanOrEqual(2);
    expect(new Set(systems.map((s) => s.mspId))).toEqual(new Set([mspId]));
  });

  it('serves /health, /metrics, /openapi.json and /docs', async () => {
    const health = await fetch(`${gatewayUrl(org)}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { peers: unknown[] }).peers).toHaveLength(3);
    for (const route of ['/metrics', '/openapi.json', '/docs']) expect((await fetch(gatewayUrl(org) + route)).status).toBe(200);
  });
});

describe('no gateway writes as another org', () => {
  const programme = { id: `ORGS_${runTag}`, nameEn: 'Org test', nameZh: '组织测试', monthlyCapFen: 100 };

  it("a Finance system's key is unknown at Civil Affairs' gateway (401), and nothing is written", async () => {
    const { before, after } = await heightAround(async () => {
      const answer = await request('POST', '/v1/programmes', 'finance-system', programme, gatewayUrl('civilaffairs'));
      expect(answer.status).toBe(401);
    });
    expect(after).toBe(before);
  });

  it("a Finance system at its own gateway may not write Civil Affairs' records (403)", async () => {
    const answer = await post('/v1/programmes', 'finance-system', programme);
    expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it("an admin's key registers a system only at its own gateway", async () => {
    const body = { systemId: `orgs-${runTag}`, name: 'org test', roles: ['access-log'] };
    expect((await request('POST', '/v1/systems', 'finance-admin', body, gatewayUrl('audit'))).status).toBe(401);
    expect(apiKey('finance-admin')).not.toBe(apiKey('audit-admin'));
    const registered = await post('/v1/systems', 'finance-admin', body);
    expect(registered.status).toBe(201);
    expect(registered.body.record.org).toBe('FinanceMSP');
  });
});

describe("each org's material in its own directory", () => {
  it("holds every private key in its owner's org directory (orgs/<org>/), none in shared/ or elsewhere", () => {
    expect(misplacedPrivateKeys(RUN_DIR)).toEqual([]);
  });

  it("starts every node (orderer, peer and its chaincode, CA, gateway) with paths into its own org's directory and shared/ only", () => {
    const { nodes, processes, foreign } = foreignPathsOfNodes(RUN_DIR);
    expect(nodes.sort()).toEqual(expect.arrayContaining(['orderer1', 'orderer2', 'orderer3', ...ORG_KEYS.flatMap((o) => [`peer-${o}`, `ca-${o}`, `gateway-${o}`])]));
    expect(processes).toBeGreaterThan(nodes.length); // the peers' chaincode processes were checked too
    expect(foreign).toEqual([]);
  });
});

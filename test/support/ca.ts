/**
 * Enrolls identities at an org's Fabric CA as its registrar would for a system: the certificate
 * carries the system's id and roles as attributes (ecert), so the chaincode reads them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { IdentityFiles } from '../../gateway/src/config';
import { gatewayDir, ORG_KEYS, PORT_BASE, REPO_ROOT, type OrgKey } from './test-network';

const CA_CLIENT = path.join(process.env.HOME ?? '/root', '.cache', 'welfare-ledger', 'fabric-ca-1.5.21', 'bin', 'fabric-ca-client');

const caUrl = (org: OrgKey) => `https://127.0.0.1:${Number(PORT_BASE) + 54 + 1000 * ORG_KEYS.indexOf(org)}`;

/** The org's CA certificate (cryptogen's), which also signed the CA server's TLS certificate: its gateway's copy. */
function caRoot(org: OrgKey): string {
  return path.join(gatewayDir(org), 'ca-tls-root.pem');
}

function caClient(org: OrgKey, home: string, args: string[]): void {
  execFileSync(CA_CLIENT, [...args, '-H', home, '--tls.certfiles', caRoot(org)], { cwd: REPO_ROOT, stdio: 'pipe' });
}

/**
 * Registers and enrolls `enrollmentId` at `org`'s CA with the given attributes; returns its cert and
 * key. The enrollment id is the certificate's CN; the system it speaks for is its welfare.systemId.
 */
export function enrollAtCa(org: OrgKey, enrollmentId: string, attributes: Record<string, string>): IdentityFiles {
  const work = mkdtempSync(path.join(tmpdir(), 'welfare-ca-'));
  const secret = readFileSync(path.join(gatewayDir(org), 'ca-registrar.secret'), 'utf8').trim();
  const registrar = path.join(work, 'registrar');
  caClient(org, registrar, ['enroll', '-u', caUrl(org).replace('https://', `https://registrar:${secret}@`)]);
  const attrs = Object.entries(attributes).map(([name, value]) => `${name}=${value}:ecert`).join(',');
  const password = `pw-${enrollmentId}`;
  caClient(org, registrar, ['register', '-u', caUrl(org), '--id.name', enrollmentId, '--id.secret', password, '--id.type', 'client', '--id.attrs', attrs]);
  const system = path.join(work, 'system');
  caClient(org, system, ['enroll', '-u', caUrl(org).replace('https://', `https://${enrollmentId}:${password}@`)]);
  const keystore = path.join(system, 'msp', 'keystore');
  return { cert: path.join(system, 'msp', 'signcerts', 'cert.pem'), key: path.join(keystore, readdirSync(keystore)[0]) };
}

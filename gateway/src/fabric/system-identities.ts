/**
 * Each registered system's own X.509 identity, enrolled at the org's Fabric CA by the org's CA
 * registrar (not a Fabric admin): the certificate names the system and its roles as attributes
 * (`welfare.systemId`, `welfare.roles`, ecert) so the chaincode reads them; the private key stays in
 * this gateway's key store, `<stateDir>/systems/<systemId>/msp/keystore/` (mode 0600).
 *
 * Enrollment runs the CA's own client (`fabric-ca-client`), which makes the key and the CSR.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { CaConnection, IdentityFiles } from '../config';

const run = promisify(execFile);

export const SYSTEM_ATTRIBUTE = 'welfare.systemId';
export const ROLES_ATTRIBUTE = 'welfare.roles';

export interface EnrolledSystem extends IdentityFiles {
  /** sha256 hex of the certificate's DER, as the registry records it. */
  fingerprint: string;
}

export function certificateFingerprint(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
}

export class SystemIdentities {
  private readonly dir: string;

  constructor(
    stateDir: string,
    private readonly ca: CaConnection,
  ) {
    this.dir = path.join(stateDir, 'systems');
  }

  /** The system's enrolled identity, if this gateway holds one. */
  find(systemId: string): IdentityFiles | undefined {
    const msp = path.join(this.dir, systemId, 'msp');
    const keystore = path.join(msp, 'keystore');
    const cert = path.join(msp, 'signcerts', 'cert.pem');
    if (!existsSync(cert) || !existsSync(keystore)) return undefined;
    const [key] = readdirSync(keystore).filter((name) => name.endsWith('_sk'));
    return key ? { cert, key: path.join(keystore, key) } : undefined;
  }

  /** Registers the system at the CA (or gives it a new secret if it is known) and enrolls it. */
  async enroll(systemId: string, roles: string[]): Promise<EnrolledSystem> {
    await this.enrollRegistrar();
    const secret = randomBytes(18).toString('base64url');
    // A quoted attribute may hold commas (several roles).
    const attrs = `"${ROLES_ATTRIBUTE}=${roles.join(',')}:ecert",${SYSTEM_ATTRIBUTE}=${systemId}:ecert`;
    try {
      await this.client(this.registrarHome, ['register', '--id.name', systemId, '--id.secret', secret, '--id.type', 'client', '--id.attrs', attrs]);
    } catch {
      // Registered before (an enrollment that did not finish): same identity, new secret and attributes.
      await this.client(this.registrarHome, ['identity', 'modify', systemId, '--secret', secret, '--attrs', attrs]);
    }
    const home = path.join(this.dir, systemId);
    await this.client(home, ['enroll', '-u', this.urlWith(systemId, secret)]);
    const files = this.find(systemId);
    if (!files) throw new Error(`enrollment of ${systemId} left no key in ${home}`);
    chmodSync(files.key, 0o600);
    return { ...files, fingerprint: certificateFingerprint(readFileSync(files.cert, 'utf8')) };
  }

  private get registrarHome(): string {
    return path.join(this.dir, '.registrar');
  }

  private async enrollRegistrar(): Promise<void> {
    if (this.find('.registrar')) return;
    const secret = readFileSync(this.ca.registrar.secretFile, 'utf8').trim();
    await this.client(this.registrarHome, ['enroll', '-u', this.urlWith(this.ca.registrar.id, secret)]);
  }

  private urlWith(id: string, secret: string): string {
    const url = new URL(this.ca.url);
    url.username = encodeURIComponent(id);
    url.password = encodeURIComponent(secret);
    return url.toString().replace(/\/$/, '');
  }

  /** Runs fabric-ca-client; a failure names the command and the CA's answer, never the secrets on its command line. */
  private async client(home: string, args: string[]): Promise<void> {
    const withUrl = args.includes('-u') ? args : [...args, '-u', this.ca.url];
    try {
      await run(this.ca.clientBin, [...withUrl, '-H', home, '--tls.certfiles', this.ca.tlsRootCert, '--caname', this.ca.name], { env: {}, timeout: 30_000 });
    } catch (err) {
      const stderr = String((err as { stderr?: string }).stderr ?? '');
      const answer = stderr.split('\n').find((line) => line.startsWith('Error:')) ?? 'no answer';
      throw new Error(`fabric-ca-client ${args[0]} at ${this.ca.url} failed: ${answer}`);
    }
  }
}

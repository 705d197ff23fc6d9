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
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { CaConnection, IdentityFiles } from '../config';
import { modifyIdentity } from './ca-identity-modify';

const run = promisify(execFile);

export const SYSTEM_ATTRIBUTE = 'welfare.systemId';
export const ROLES_ATTRIBUTE = 'welfare.roles';

export interface EnrolledSystem extends IdentityFiles {
  /** sha256 hex of the certificate's DER, as the registry records it. */
  fingerprint: string;
}

/** What the CA revoked for a system: one certificate, named as the CRL names it (serial and issuer key). */
export interface RevokedCertificate {
  systemId: string;
  serial: string;
  authorityKeyId: string;
  fingerprint: string;
  revokedAt: string;
}

export function certificateFingerprint(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
}

export class SystemIdentities {
  private readonly dir: string;
  private registrarEnrolled?: Promise<void>;

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
      await this.client(this.registrarHome, ['register', '--id.name', systemId, '--id.type', 'client', '--id.attrs', attrs], { FABRIC_CA_CLIENT_ID_SECRET: secret });
    } catch {
      // Registered before (a reinstatement, or an enrollment that did not finish): same identity, new
      // secret and attributes, over the CA's REST API (fabric-ca-client would want the secret on its command line).
      await modifyIdentity(this.ca, this.find('.registrar')!, systemId, {
        secret,
        attrs: [
          { name: ROLES_ATTRIBUTE, value: roles.join(','), ecert: true },
          { name: SYSTEM_ATTRIBUTE, value: systemId, ecert: true },
        ],
      });
    }
    const home = path.join(this.dir, systemId);
    // fabric-ca-client adds a key file at each enrollment and keeps the old ones: a second
    // enrollment (a retried registration) would leave a key that no longer matches the certificate.
    rmSync(path.join(home, 'msp'), { recursive: true, force: true });
    await this.client(home, ['enroll'], { FABRIC_CA_CLIENT_URL: this.urlWith(systemId, secret) });
    const files = this.find(systemId);
    if (!files) throw new Error(`enrollment of ${systemId} left no key in ${home}`);
    chmodSync(files.key, 0o600);
    return { ...files, fingerprint: certificateFingerprint(readFileSync(files.cert, 'utf8')) };
  }

  /**
   * Revokes the system's certificate at the CA (reason keyCompromise) and records it in
   * `<systemId>/revocations.jsonl`. Only the certificate, not the CA identity, so the CA could
   * still issue the system a new one. Revoking it again is not an error. Peers refuse the
   * certificate only once the org's CRL is in the channel configuration (channel-crl-update.sh).
   */
  async revoke(systemId: string): Promise<RevokedCertificate | undefined> {
    const files = this.find(systemId);
    if (!files) return undefined;
    const cert = new X509Certificate(readFileSync(files.cert));
    const serial = cert.serialNumber.toLowerCase();
    const authorityKeyId = authorityKeyIdOf(cert.raw);
    await this.enrollRegistrar();
    try {
      await this.client(this.registrarHome, ['revoke', '-s', serial, '-a', authorityKeyId, '-r', 'keycompromise']);
    } catch (err) {
      if (!/already revoked/i.test((err as Error).message)) throw err;
    }
    const revoked = { systemId, serial, authorityKeyId, fingerprint: certificateFingerprint(cert.toString()), revokedAt: new Date().toISOString() };
    appendFileSync(path.join(this.dir, systemId, 'revocations.jsonl'), `${JSON.stringify(revoked)}\n`, { mode: 0o600 });
    return revoked;
  }

  /**
   * A new certificate and key for a system whose certificate was revoked (reinstatement): the old
   * ones are dropped (a revoked certificate is of no use, and the key store must hold one key).
   */
  async reenroll(systemId: string, roles: string[]): Promise<EnrolledSystem> {
    rmSync(path.join(this.dir, systemId, 'msp'), { recursive: true, force: true });
    return this.enroll(systemId, roles);
  }

  private get registrarHome(): string {
    return path.join(this.dir, '.registrar');
  }

  /** Once per process, and never twice at the same time (two enrollments would leave two keys). */
  private enrollRegistrar(): Promise<void> {
    this.registrarEnrolled ??= (async () => {
      if (this.find('.registrar')) return;
      const secret = readFileSync(this.ca.registrar.secretFile, 'utf8').trim();
      rmSync(path.join(this.registrarHome, 'msp'), { recursive: true, force: true });
      await this.client(this.registrarHome, ['enroll'], { FABRIC_CA_CLIENT_URL: this.urlWith(this.ca.registrar.id, secret) });
    })().catch((err: unknown) => {
      this.registrarEnrolled = undefined;
      throw err;
    });
    return this.registrarEnrolled;
  }

  private urlWith(id: string, secret: string): string {
    const url = new URL(this.ca.url);
    url.username = encodeURIComponent(id);
    url.password = encodeURIComponent(secret);
    return url.toString().replace(/\/$/, '');
  }

  /**
   * Runs fabric-ca-client. Secrets go in its environment (FABRIC_CA_CLIENT_URL with the enrollment
   * id and secret, FABRIC_CA_CLIENT_ID_SECRET), which only this user can read, never on its command
   * line, which `ps` shows to everyone. A failure names the command and the CA's answer, not a secret.
   */
  private async client(home: string, args: string[], secrets: Record<string, string> = {}): Promise<void> {
    const withUrl = secrets.FABRIC_CA_CLIENT_URL ? args : [...args, '-u', this.ca.url];
    try {
      await run(this.ca.clientBin, [...withUrl, '-H', home, '--tls.certfiles', this.ca.tlsRootCert, '--caname', this.ca.name], { env: secrets, timeout: 30_000 });
    } catch (err) {
      const stderr = String((err as { stderr?: string }).stderr ?? '');
      const answer = stderr.split('\n').find((line) => line.startsWith('Error:')) ?? 'no answer';
      throw new Error(`fabric-ca-client ${args[0]} at ${this.ca.url} failed: ${answer}`);
    }
  }
}

const AUTHORITY_KEY_ID_OID = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x23]); // 2.5.29.35

/**
 * The certificate's authority key identifier, hex, which the CA needs with the serial to name a
 * certificate. Node's X509Certificate does not expose it; the extension is
 * OID [BOOLEAN critical] OCTET STRING { SEQUENCE { [0] keyIdentifier ... } }.
 */
export function authorityKeyIdOf(der: Buffer): string {
  let at = der.indexOf(AUTHORITY_KEY_ID_OID);
  if (at < 0) throw new Error('the certificate has no authority key identifier');
  at += AUTHORITY_KEY_ID_OID.length;
  if (der[at] === 0x01) at += 3; // critical flag
  const skip = (tag: number): void => {
    if (der[at] !== tag) throw new Error('malformed authority key identifier');
    at += 1;
    const len = der[at];
    at += len & 0x80 ? 1 + (len & 0x7f) : 1;
  };
  skip(0x04);
  skip(0x30);
  if (der[at] !== 0x80) throw new Error('the authority key identifier holds no key identifier');
  const length = der[at + 1];
  return der.subarray(at + 2, at + 2 + length).toString('hex');
}

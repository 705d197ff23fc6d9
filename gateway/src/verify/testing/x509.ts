/**
 * Test helper: X.509 certificates and CRLs made with node:crypto alone (node can parse and
 * verify them, not issue them), for the forged networks of the forgery table: our own CAs,
 * peers, clients and orderers, with Fabric's node OUs.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { der, derUnsigned, TAG } from '../der';

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface Issued {
  pem: string;
  /** Serial number as X509Certificate reports it (uppercase hex). */
  serial: string;
  keys: KeyPair;
  name: DistinguishedName;
}

export interface DistinguishedName {
  O: string;
  OU?: string;
  CN: string;
}

const ECDSA_SHA256 = der(TAG.SEQUENCE, oid('1.2.840.10045.4.3.2'));
let nextSerial = 0x1000;

export function newKeys(): KeyPair {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

/** A certificate for `name`, signed by `issuer` (self-signed when absent). */
export function issueCertificate(
  name: DistinguishedName,
  options: { issuer?: Issued; ca?: boolean; notBefore?: Date; notAfter?: Date; keys?: KeyPair } = {},
): Issued {
  const keys = options.keys ?? newKeys();
  const serialNumber = nextSerial++;
  const notBefore = options.notBefore ?? new Date(Date.UTC(2020, 0, 1));
  const notAfter = options.notAfter ?? new Date(Date.UTC(2040, 0, 1));
  const basicConstraints = der(TAG.SEQUENCE, options.ca ? der(0x01, Buffer.from([0xff])) : Buffer.alloc(0));
  const extension = der(TAG.SEQUENCE, Buffer.concat([oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(TAG.OCTET_STRING, basicConstraints)]));
  const tbs = der(TAG.SEQUENCE, Buffer.concat([
    der(0xa0, der(TAG.INTEGER, derUnsigned(2))),
    der(TAG.INTEGER, derUnsigned(serialNumber)),
    ECDSA_SHA256,
    encodeName(options.issuer?.name ?? name),
    der(TAG.SEQUENCE, Buffer.concat([utcTime(notBefore), utcTime(notAfter)])),
    encodeName(name),
    keys.publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, der(TAG.SEQUENCE, extension)),
  ]));
  const signer = options.issuer?.keys.privateKey ?? keys.privateKey;
  const certificate = signed(tbs, signer);
  return { pem: pemOf('CERTIFICATE', certificate), serial: serialNumber.toString(16).toUpperCase(), keys, name };
}

/** A CRL of `ca` revoking the given serial numbers (hex). */
export function issueRevocationList(ca: Issued, serials: string[]): string {
  const revoked = serials.map((serial) =>
    der(TAG.SEQUENCE, Buffer.concat([der(TAG.INTEGER, derUnsigned(BigInt(`0x${serial}`))), utcTime(new Date(Date.UTC(2021, 0, 1)))])));
  const tbs = der(TAG.SEQUENCE, Buffer.concat([
    der(TAG.INTEGER, derUnsigned(1)),
    ECDSA_SHA256,
    encodeName(ca.name),
    utcTime(new Date(Date.UTC(2021, 0, 1))),
    utcTime(new Date(Date.UTC(2039, 0, 1))),
    der(TAG.SEQUENCE, Buffer.concat(revoked)),
  ]));
  return pemOf('X509 CRL', signed(tbs, ca.keys.privateKey));
}

function signed(tbs: Buffer, key: KeyObject): Buffer {
  const signature = sign('sha256', tbs, key);
  return der(TAG.SEQUENCE, Buffer.concat([tbs, ECDSA_SHA256, der(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), signature]))]));
}

function encodeName(name: DistinguishedName): Buffer {
  const parts: Array<[string, string | undefined]> = [['2.5.4.10', name.O], ['2.5.4.11', name.OU], ['2.5.4.3', name.CN]];
  return der(TAG.SEQUENCE, Buffer.concat(parts
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([id, value]) => der(TAG.SET, der(TAG.SEQUENCE, Buffer.concat([oid(id), der(TAG.UTF8, Buffer.from(value, 'utf8'))]))))));
}

function utcTime(date: Date): Buffer {
  const two = (n: number) => String(n).padStart(2, '0');
  const text = `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return der(TAG.UTC_TIME, Buffer.from(text, 'ascii'));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(TAG.OID, Buffer.from(bytes));
}

function pemOf(label: string, bytes: Buffer): string {
  const lines = bytes.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

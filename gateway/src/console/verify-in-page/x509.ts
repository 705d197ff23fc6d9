/**
 * X.509 certificates for the verifier in the page: the part of node:crypto's X509Certificate the
 * verifier reads (subject, validity, serial number, CA flag, public key, checkIssued, verify),
 * parsed from DER with the verifier's own der.ts and checked as OpenSSL does under Node, so the
 * page and the CLI name the same certificate the same way and refuse the same ones.
 */
import { derChildren, readDer, TAG, type DerElement } from '../../verify/der';
import { PublicKey, signatureAlgorithm } from './public-key';

const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
};

/** Attribute names as OpenSSL prints them (short names); others print as their dotted OID. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
};

const GENERALIZED_TIME = 0x18;
const BOOLEAN = 0x01;
const EXPLICIT_0 = 0xa0;
const EXPLICIT_3 = 0xa3;
const KEY_ID = 0x80;
const AUTHORITY_SERIAL = 0x82;
const KEY_CERT_SIGN = 0x04; // bit 5 of the first KeyUsage byte

interface NameAttribute {
  type: string;
  value: string;
}

interface Extensions {
  ca: boolean | null;
  keyUsage: number | null;
  subjectKeyId: Buffer | null;
  authorityKeyId: Buffer | null;
  authoritySerial: Buffer | null;
}

export class X509Certificate {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly serialNumber: string;
  readonly ca: boolean;
  private readonly tbs: DerElement;
  private readonly tbsAlgorithm: Buffer;
  private readonly outerAlgorithm: Buffer;
  private readonly signatureValue: Buffer;
  private readonly subjectName: NameAttribute[][];
  private readonly issuerName: NameAttribute[][];
  private readonly keyInfo: DerElement;
  private readonly serial: Buffer;
  private readonly extensions: Extensions;
  private key: PublicKey | undefined;

  /** A PEM text or DER bytes; throws when it is not a certificate. */
  constructor(input: string | Uint8Array) {
    const [tbs, outerAlgorithm, signatureBits] = derChildren(readDer(certificateDer(input)));
    if (tbs?.tag !== TAG.SEQUENCE || outerAlgorithm?.tag !== TAG.SEQUENCE || signatureBits?.tag !== TAG.BIT_STRING) throw new Error('not an X.509 certificate');
    const fields = derChildren(tbs);
    const at = fields[0]?.tag === EXPLICIT_0 ? 1 : 0;
    const [serial, algorithm, issuer, validity, subject, keyInfo] = fields.slice(at, at + 6);
    if (serial?.tag !== TAG.INTEGER || validity?.tag !== TAG.SEQUENCE || keyInfo?.tag !== TAG.SEQUENCE) throw new Error('not an X.509 certificate');
    const [notBefore, notAfter] = derChildren(validity);
    this.tbs = tbs;
    this.tbsAlgorithm = algorithm.raw;
    this.outerAlgorithm = outerAlgorithm.raw;
    this.signatureValue = signatureBits.value.subarray(1);
    this.issuerName = readName(issuer);
    this.subjectName = readName(subject);
    this.issuer = printName(this.issuerName);
    this.subject = printName(this.subjectName);
    this.validFrom = printTime(notBefore);
    this.validTo = printTime(notAfter);
    this.serial = serial.value;
    this.serialNumber = serialHex(serial.value);
    this.keyInfo = keyInfo;
    const extensionsField = fields.find((field) => field.tag === EXPLICIT_3);
    this.extensions = readExtensions(extensionsField ? derChildren(extensionsField)[0] : null);
    this.ca = isCa(this.extensions);
  }

  /** Parsed on first use: like Node, an unusable key fails the signature checks, not the parse. */
  get publicKey(): PublicKey {
    if (!this.key) this.key = PublicKey.fromSubjectPublicKeyInfo(this.keyInfo);
    return this.key;
  }

  /** OpenSSL's X509_check_issued: names match, key identifiers agree, the issuer may sign certificates with a key of the signature's type. */
  checkIssued(issuer: X509Certificate): boolean {
    if (!sameName(issuer.subjectName, this.issuerName)) return false;
    const { authorityKeyId, authoritySerial } = this.extensions;
    const issuerKeyId = issuer.extensions.subjectKeyId;
    if (authorityKeyId && issuerKeyId && !authorityKeyId.equals(issuerKeyId)) return false;
    if (authoritySerial && !authoritySerial.equals(issuer.serial)) return false;
    try {
      if (signatureAlgorithm(this.outerAlgorithm).keyType !== issuer.publicKey.asymmetricKeyType) return false;
    } catch {
      return false;
    }
    const usage = issuer.extensions.keyUsage;
    return usage === null || (usage & KEY_CERT_SIGN) !== 0;
  }

  /** Whether this certificate's signature verifies with `key` (OpenSSL's X509_verify). */
  verify(key: PublicKey): boolean {
    if (!this.outerAlgorithm.equals(this.tbsAlgorithm)) return false;
    try {
      const { keyType, digest } = signatureAlgorithm(this.outerAlgorithm);
      return key.asymmetricKeyType === keyType && key.verify(digest, this.tbs.raw, this.signatureValue);
    } catch {
      return false;
    }
  }
}

function certificateDer(input: string | Uint8Array): Buffer {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const text = bytes.toString('latin1');
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  if (pem) return Buffer.from(pem[1].replace(/\s+/g, ''), 'base64');
  if (bytes[0] === TAG.SEQUENCE) return bytes;
  throw new Error('not a PEM or DER certificate');
}

export function readOid(element: DerElement): string {
  if (element.tag !== TAG.OID || element.value.length === 0) throw new Error('not an OID');
  const arcs: number[] = [];
  let arc = 0;
  for (const byte of element.value) {
    arc = arc * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(arc < 80 ? Math.floor(arc / 40) : 2, arc < 80 ? arc % 40 : arc - 80);
    else arcs.push(arc);
    arc = 0;
  }
  return arcs.join('.');
}

function readName(name: DerElement | undefined): NameAttribute[][] {
  if (name?.tag !== TAG.SEQUENCE) throw new Error('not an X.509 name');
  return derChildren(name).map((rdn) =>
    derChildren(rdn).map((attribute) => {
      const [type, value] = derChildren(attribute);
      return { type: readOid(type), value: stringValue(value) };
    }),
  );
}

function stringValue(value: DerElement): string {
  switch (value.tag) {
    case 0x1e: // BMPString, UTF-16BE
      return String.fromCharCode(...Array.from({ length: value.value.length / 2 }, (_, i) => value.value.readUInt16BE(i * 2)));
    case 0x14: // T61String, read as Latin-1 as OpenSSL does
      return value.value.toString('latin1');
    default:
      return value.value.toString('utf8');
  }
}

/** As Node prints a name: one `TYPE=value` line per attribute, in order, RFC 2253 escapes. */
function printName(name: NameAttribute[][]): string {
  return name.map((rdn) => rdn.map(({ type, value }) => `${ATTRIBUTE_NAMES[type] ?? type}=${escapeValue(value)}`).join(' + ')).join('\n');
}

function escapeValue(value: string): string {
  return value
    .replace(/[,+"\\<>;]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/^[# ]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

/** OpenSSL compares names by their canonical form: string values case-folded and spaces collapsed. */
function sameName(a: NameAttribute[][], b: NameAttribute[][]): boolean {
  const canonical = (name: NameAttribute[][]) =>
    JSON.stringify(name.map((rdn) => rdn.map(({ type, value }) => [type, value.trim().replace(/\s+/g, ' ').toLowerCase()])));
  return canonical(a) === canonical(b);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** As OpenSSL's ASN1_TIME_print under Node: `Nov  9 20:54:00 2026 GMT`. */
function printTime(time: DerElement | undefined): string {
  if (!time || (time.tag !== TAG.UTC_TIME && time.tag !== GENERALIZED_TIME)) throw new Error('not an X.509 time');
  const text = time.value.toString('latin1');
  const match = (time.tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/).exec(text);
  if (!match) throw new Error(`unsupported X.509 time ${text}`);
  const [, y, mo, d, h, mi, s] = match;
  const year = time.tag === TAG.UTC_TIME ? (Number(y) < 50 ? 2000 : 1900) + Number(y) : Number(y);
  return `${MONTHS[Number(mo) - 1]} ${d.replace(/^0/, ' ')} ${h}:${mi}:${s} ${year} GMT`;
}

/** Uppercase hex of the serial's bytes without leading zero bytes, as Node's serialNumber. */
function serialHex(content: Buffer): string {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  return content.subarray(start).toString('hex').toUpperCase();
}

function readExtensions(list: DerElement | null | undefined): Extensions {
  const found: Extensions = { ca: null, keyUsage: null, subjectKeyId: null, authorityKeyId: null, authoritySerial: null };
  for (const extension of list ? derChildren(list) : []) {
    const parts = derChildren(extension);
    const id = readOid(parts[0]);
    const value = readDer(parts[parts.length - 1].value);
    if (id === OID.basicConstraints) {
      const first = derChildren(value)[0];
      found.ca = first?.tag === BOOLEAN && first.value[0] !== 0;
    } else if (id === OID.keyUsage) {
      found.keyUsage = value.value[1] ?? 0;
    } else if (id === OID.subjectKeyId) {
      found.subjectKeyId = value.value;
    } else if (id === OID.authorityKeyId) {
      for (const part of derChildren(value)) {
        if (part.tag === KEY_ID) found.authorityKeyId = part.value;
        if (part.tag === AUTHORITY_SERIAL) found.authoritySerial = part.value;
      }
    }
  }
  return found;
}

/** OpenSSL's X509_check_ca() === 1, which is what Node's `ca` reports. */
function isCa(extensions: Extensions): boolean {
  if (extensions.keyUsage !== null && (extensions.keyUsage & KEY_CERT_SIGN) === 0) return false;
  return extensions.ca === true;
}

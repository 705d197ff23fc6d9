/**
 * X.509 certificates for the verifier in the page: the part of node:crypto's X509Certificate the
 * verifier reads (subject, validity, serial number, CA flag, public key, checkIssued, verify),
 * parsed strictly from DER with the verifier's own der.ts and checked as OpenSSL does under Node,
 * so the page and the CLI refuse the same certificates and name them the same way.
 */
import { itemsOf, partsOf, readAny, readBitString, readBits, readOctetString, readBoolean, readDer, readInteger, readOid, BOOLEAN, GENERALIZED_TIME, TAG, type DerElement } from './strict-der';
import { PublicKey, signatureAlgorithm, signatureKeyType } from './public-key';
import { printName, printTime, readName, sameName, serialHex, type Name } from './x509-text';

const EXPLICIT = (n: number) => 0xa0 + n;
const IMPLICIT = (n: number) => 0x80 + n;
const KEY_CERT_SIGN = 0x04; // bit 5 of the first KeyUsage byte

export class X509Certificate {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly serialNumber: string;
  readonly ca: boolean;
  /** The certificate's DER bytes, as Node's `raw`. */
  readonly raw: Buffer;
  private readonly tbs: DerElement;
  private readonly tbsAlgorithm: Buffer;
  private readonly outerAlgorithm: Buffer;
  private readonly signatureValue: Buffer;
  private readonly signatureWholeBytes: boolean;
  private readonly subjectName: Name;
  private readonly issuerName: Name;
  private readonly keyInfo: DerElement;
  private readonly serial: Buffer;
  private readonly extensions: Extensions | null;
  private key: PublicKey | null | undefined;

  /** A PEM text or DER bytes; throws when it is not a certificate. */
  constructor(input: string | Uint8Array) {
    const der = certificateDer(input);
    const [tbs, outerAlgorithm, signatureBits] = partsOf(readDer(der), TAG.SEQUENCE, 'certificate', 3, 3);
    this.raw = Buffer.from(der);
    const fields = readTbs(tbs);
    this.tbs = tbs;
    this.tbsAlgorithm = readAlgorithm(fields.algorithm).raw;
    this.outerAlgorithm = readAlgorithm(outerAlgorithm).raw;
    const signature = readBits(signatureBits, 'signature');
    this.signatureValue = signature.bytes;
    this.signatureWholeBytes = signature.unused === 0;
    this.serial = readInteger(fields.serial, 'serial number');
    this.issuerName = readName(fields.issuer);
    this.subjectName = readName(fields.subject);
    const [notBefore, notAfter] = partsOf(fields.validity, TAG.SEQUENCE, 'validity', 2, 2).map(readTime);
    this.keyInfo = readKeyInfo(fields.keyInfo);
    this.extensions = readExtensions(fields.extensions);
    this.issuer = printName(this.issuerName);
    this.subject = printName(this.subjectName);
    this.validFrom = printTime(notBefore);
    this.validTo = printTime(notAfter);
    this.serialNumber = serialHex(this.serial);
    this.ca = isCa(this.extensions);
  }

  /** Read on first use: like Node, an unusable key fails the signature checks, not the parse. */
  get publicKey(): PublicKey {
    if (this.key === undefined) {
      try {
        this.key = PublicKey.fromSubjectPublicKeyInfo(this.keyInfo);
      } catch {
        this.key = null;
      }
    }
    if (!this.key) throw new Error('the certificate has no usable public key');
    return this.key;
  }

  /** OpenSSL's X509_check_issued: names match, key identifiers agree, the issuer may sign certificates with a key of the signature's type. */
  checkIssued(issuer: X509Certificate): boolean {
    if (!sameName(issuer.subjectName, this.issuerName)) return false;
    if (!this.extensions || !issuer.extensions) return false;
    const { authorityKeyId, authoritySerial } = this.extensions;
    const issuerKeyId = issuer.extensions.subjectKeyId;
    if (authorityKeyId && issuerKeyId && !authorityKeyId.equals(issuerKeyId)) return false;
    if (authoritySerial && !authoritySerial.equals(issuer.serial)) return false;
    try {
      if (signatureKeyType(this.tbsAlgorithm) !== issuer.publicKey.asymmetricKeyType) return false;
    } catch {
      return false;
    }
    const usage = issuer.extensions.keyUsage;
    return usage === null || (usage & KEY_CERT_SIGN) !== 0;
  }

  /** Whether this certificate's signature verifies with `key` (OpenSSL's X509_verify). */
  verify(key: PublicKey): boolean {
    if (!this.outerAlgorithm.equals(this.tbsAlgorithm) || !this.signatureWholeBytes) return false;
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
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
  if (pem) return Buffer.from(pem[1].replace(/\s+/g, ''), 'base64');
  if (bytes[0] === TAG.SEQUENCE) return bytes;
  throw new Error('not a PEM or DER certificate');
}

interface TbsFields {
  serial: DerElement;
  algorithm: DerElement;
  issuer: DerElement;
  validity: DerElement;
  subject: DerElement;
  keyInfo: DerElement;
  extensions: DerElement | null;
}

/** TBSCertificate: [0] version?, serial, signature, issuer, validity, subject, key, [1]? [2]? [3]?, nothing else. */
function readTbs(tbs: DerElement): TbsFields {
  const parts = partsOf(tbs, TAG.SEQUENCE, 'tbsCertificate', 6, 10);
  let at = 0;
  if (parts[0].tag === EXPLICIT(0)) readInteger(partsOf(parts[at++], EXPLICIT(0), 'version', 1, 1)[0], 'version');
  const [serial, algorithm, issuer, validity, subject, keyInfo] = parts.slice(at, at + 6);
  if (!keyInfo) throw new Error('tbsCertificate: missing fields');
  at += 6;
  if (parts[at]?.tag === IMPLICIT(1)) readBitString({ ...parts[at++], tag: TAG.BIT_STRING }, 'issuerUniqueID');
  if (parts[at]?.tag === IMPLICIT(2)) readBitString({ ...parts[at++], tag: TAG.BIT_STRING }, 'subjectUniqueID');
  const extensions = parts[at]?.tag === EXPLICIT(3) ? partsOf(parts[at++], EXPLICIT(3), 'extensions', 1, 1)[0] : null;
  if (at !== parts.length) throw new Error('tbsCertificate: unexpected field');
  return { serial, algorithm, issuer, validity, subject, keyInfo, extensions };
}

/** AlgorithmIdentifier: SEQUENCE { OID, parameters? }. */
function readAlgorithm(element: DerElement | undefined): DerElement {
  const [id, parameters] = partsOf(element, TAG.SEQUENCE, 'algorithm', 1, 2);
  readOid(id);
  if (parameters) readAny(parameters);
  return element!;
}

function readTime(element: DerElement): DerElement {
  if (element.tag !== TAG.UTC_TIME && element.tag !== GENERALIZED_TIME) throw new Error('validity: not a time');
  return element;
}

/** SubjectPublicKeyInfo: the structure must parse; the key itself is read when used. */
function readKeyInfo(element: DerElement | undefined): DerElement {
  const [algorithm, key] = partsOf(element, TAG.SEQUENCE, 'subjectPublicKeyInfo', 2, 2);
  readAlgorithm(algorithm);
  readBitString(key, 'subjectPublicKey');
  return element!;
}

interface Extensions {
  ca: boolean | null;
  keyUsage: number | null;
  subjectKeyId: Buffer | null;
  authorityKeyId: Buffer | null;
  authoritySerial: Buffer | null;
}

/** Extensions OpenSSL decodes when it first looks at a certificate's CA flag or issuer; one it cannot decode, or found twice, makes the certificate invalid for both. */
const DECODED: Record<string, (value: DerElement, found: Extensions) => void> = {
  '2.5.29.19': (value, found) => {
    const [caFlag, pathLength] = partsOf(value, TAG.SEQUENCE, 'basicConstraints', 0, 2);
    const ca = caFlag?.tag === BOOLEAN ? readBoolean(caFlag, 'cA') : false;
    const length = caFlag?.tag === BOOLEAN ? pathLength : caFlag;
    if (length) {
      const content = readInteger(length, 'pathLenConstraint');
      if (!ca || content[0] & 0x80) throw new Error('basicConstraints: a path length without cA');
    }
    found.ca = ca;
  },
  '2.5.29.15': (value, found) => {
    const bits = readBitString(value, 'keyUsage');
    found.keyUsage = (bits[0] ?? 0) | ((bits[1] ?? 0) << 8);
    if (found.keyUsage === 0) throw new Error('keyUsage: empty');
  },
  '2.5.29.14': (value, found) => {
    found.subjectKeyId = readOctetString(value, 'subjectKeyIdentifier');
  },
  '2.5.29.35': (value, found) => {
    for (const part of partsOf(value, TAG.SEQUENCE, 'authorityKeyIdentifier', 0, 3)) {
      if ((part.tag | 0x20) === EXPLICIT(0)) found.authorityKeyId = readOctetString({ ...part, tag: part.tag === IMPLICIT(0) ? TAG.OCTET_STRING : TAG.OCTET_STRING | 0x20 }, 'keyIdentifier');
      else if (part.tag === EXPLICIT(1)) readGeneralNames({ ...part, tag: TAG.SEQUENCE });
      else if (part.tag === IMPLICIT(2)) found.authoritySerial = readInteger({ ...part, tag: TAG.INTEGER }, 'authorityCertSerialNumber');
      else throw new Error('authorityKeyIdentifier: unexpected part');
    }
  },
  '2.5.29.17': (value) => readGeneralNames(value),
  '2.5.29.37': (value) => itemsOf(value, TAG.SEQUENCE, 'extKeyUsage').forEach(readOid),
  '2.5.29.30': (value) => partsOf(value, TAG.SEQUENCE, 'nameConstraints', 0, 2),
  '2.5.29.31': (value) => itemsOf(value, TAG.SEQUENCE, 'cRLDistributionPoints').forEach((point) => partsOf(point, TAG.SEQUENCE, 'distributionPoint', 0, 3)),
};

/** The extensions, or null when one OpenSSL decodes does not decode (then no CA, no issuer link). */
function readExtensions(list: DerElement | null): Extensions | null {
  const found: Extensions = { ca: null, keyUsage: null, subjectKeyId: null, authorityKeyId: null, authoritySerial: null };
  const seen = new Set<string>();
  let valid = true;
  for (const extension of list ? itemsOf(list, TAG.SEQUENCE, 'extensions') : []) {
    const parts = partsOf(extension, TAG.SEQUENCE, 'extension', 2, 3);
    const id = readOid(parts[0]);
    if (parts.length === 3) readBoolean(parts[1], 'critical');
    const octets = readOctetString(parts[parts.length - 1], 'extension value');
    const decode = DECODED[id];
    if (!decode) continue;
    try {
      if (seen.has(id)) throw new Error('extension found twice');
      seen.add(id);
      decode(readDer(octets), found); // bytes after the value are ignored, as OpenSSL's d2i does
    } catch {
      valid = false;
    }
  }
  return valid ? found : null;
}

const GENERAL_NAME_TAGS = new Set([EXPLICIT(0), IMPLICIT(1), IMPLICIT(2), EXPLICIT(3), EXPLICIT(4), EXPLICIT(5), IMPLICIT(6), IMPLICIT(7), IMPLICIT(8)]);

function readGeneralNames(element: DerElement): void {
  for (const name of itemsOf(element, TAG.SEQUENCE, 'GeneralNames')) {
    if (!GENERAL_NAME_TAGS.has(name.tag)) throw new Error('GeneralName: unexpected tag');
    if (name.tag === EXPLICIT(4)) readName(partsOf(name, EXPLICIT(4), 'directoryName', 1, 1)[0]);
    if (name.tag === IMPLICIT(8)) readOid({ ...name, tag: TAG.OID });
  }
}

/** OpenSSL's X509_check_ca() === 1, which is what Node's `ca` reports. */
function isCa(extensions: Extensions | null): boolean {
  if (!extensions) return false;
  if (extensions.keyUsage !== null && (extensions.keyUsage & KEY_CERT_SIGN) === 0) return false;
  return extensions.ca === true;
}

/**
 * Names and times of a certificate, read and printed as OpenSSL does under Node (the verifier's
 * messages quote them): the value types a name may hold, `TYPE=value` lines with RFC 2253
 * escapes, the canonical form names are compared by, and `Nov  9 20:54:00 2026 GMT` dates.
 */
import { derChildren } from '../../verify/der';
import { collect, itemsOf, readBitString, readOid, TAG, type DerElement } from './strict-der';

export interface NameAttribute {
  type: string;
  tag: number;
  value: string;
}

export type Name = NameAttribute[][];

/** Attribute short names OpenSSL knows (X.520 2.5.4.3 to .54, and a few others, as Node printed them); the rest print as their OID. */
const X520_NAMES = [
  'CN', 'SN', 'serialNumber', 'C', 'L', 'ST', 'street', 'O', 'OU', 'title', 'description',
  'searchGuide', 'businessCategory', 'postalAddress', 'postalCode', 'postOfficeBox', 'physicalDeliveryOfficeName', 'telephoneNumber', 'telexNumber',
  'teletexTerminalIdentifier', 'facsimileTelephoneNumber', 'x121Address', 'internationaliSDNNumber', 'registeredAddress', 'destinationIndicator',
  'preferredDeliveryMethod', 'presentationAddress', 'supportedApplicationContext', 'member', 'owner', 'roleOccupant', 'seeAlso', 'userPassword',
  'userCertificate', 'cACertificate', 'authorityRevocationList', 'certificateRevocationList', 'crossCertificatePair', 'name', 'GN', 'initials',
  'generationQualifier', 'x500UniqueIdentifier', 'dnQualifier', 'enhancedSearchGuide', 'protocolInformation', 'distinguishedName', 'uniqueMember',
  'houseIdentifier', 'supportedAlgorithms', 'deltaRevocationList', 'dmdName',
];
const ATTRIBUTE_NAMES: Record<string, string> = {
  ...Object.fromEntries(X520_NAMES.map((name, n) => [`2.5.4.${n + 3}`, name])),
  '2.5.4.65': 'pseudonym',
  '2.5.4.72': 'role',
  '2.5.4.97': 'organizationIdentifier',
  '2.5.4.98': 'c3',
  '2.5.4.99': 'n3',
  '2.5.4.100': 'dnsName',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** Universal tags a name's value may have (OpenSSL's B_ASN1_PRINTABLE through ASN1_tag2bit). */
const VALUE_TAGS = new Set([3, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 28, 29, 30]);
const UTF8 = 12;
const BMP = 30;
const UNIVERSAL = 28;
const SEQUENCE_NUMBER = 16;
/** Types OpenSSL turns into UTF-8 (and so checks) when it canonicalises a name. */
const CANONICAL_TYPES = new Set([UTF8, BMP, UNIVERSAL, 19, 20, 22, 26]);

export function readName(element: DerElement | undefined): Name {
  return itemsOf(element, TAG.SEQUENCE, 'name').map((rdn) =>
    itemsOf(rdn, TAG.SET, 'name').map((attribute) => {
      if (attribute.tag !== TAG.SEQUENCE) throw new Error('name: unexpected ASN.1 tag');
      const parts = derChildren(attribute);
      if (parts.length !== 2) throw new Error('name: an attribute is a type and a value');
      return { type: readOid(parts[0]), ...readValue(parts[1]) };
    }),
  );
}

function readValue(element: DerElement): { tag: number; value: string } {
  const tag = element.tag & 0x1f;
  const constructed = (element.tag & 0x20) !== 0;
  if ((element.tag & 0xc0) !== 0 || tag === 0x1f || !VALUE_TAGS.has(tag)) throw new Error('name: a value of a type names cannot hold');
  if (tag === SEQUENCE_NUMBER) {
    if (!constructed) throw new Error('name: a SEQUENCE value must be constructed');
    return { tag, value: element.raw.toString('latin1') };
  }
  let content = constructed ? collect(element) : element.value;
  if (tag === 3) content = readBitString({ ...element, tag: TAG.BIT_STRING, value: content }, 'name');
  return { tag, value: decodeString(tag, content) };
}

function decodeString(tag: number, content: Buffer): string {
  if (tag === BMP) {
    if (content.length % 2) throw new Error('name: BMPString of odd length');
    return String.fromCharCode(...Array.from({ length: content.length / 2 }, (_, i) => content.readUInt16BE(i * 2)));
  }
  if (tag === UNIVERSAL) {
    if (content.length % 4) throw new Error('name: UniversalString length not a multiple of 4');
    return String.fromCodePoint(...Array.from({ length: content.length / 4 }, (_, i) => codePoint(content.readUInt32BE(i * 4))));
  }
  if (tag === UTF8) return strictUtf8(content);
  return content.toString('latin1');
}

function codePoint(value: number): number {
  if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) throw new Error('name: not a Unicode code point');
  return value;
}

function strictUtf8(content: Buffer): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(content);
}

/** As Node prints a name: one `TYPE=value` line per RDN, multi-valued RDNs joined by ` + `. */
export function printName(name: Name): string {
  return name.map((rdn) => rdn.map(({ type, value }) => `${ATTRIBUTE_NAMES[type] ?? type}=${escapeValue(value)}`).join(' + ')).join('\n');
}

function escapeValue(value: string): string {
  return value
    .replace(/[,+"\\<>;]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/^[# ]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

/** OpenSSL's X509_NAME_cmp: canonical forms (text types trimmed, spaces collapsed, ASCII lower-cased; RDNs as sets). */
export function sameName(a: Name, b: Name): boolean {
  return canonical(a) === canonical(b);
}

function canonical(name: Name): string {
  return JSON.stringify(
    name.map((rdn) =>
      rdn
        .map(({ type, tag, value }) =>
          CANONICAL_TYPES.has(tag)
            ? `${type}|${UTF8}|${value.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '').replace(/[ \t\n\v\f\r]+/g, ' ').replace(/[A-Z]/g, (c) => c.toLowerCase())}`
            : `${type}|${tag}|${value}`,
        )
        .sort(),
    ),
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const BAD_TIME = 'Bad time value';

/** As OpenSSL's ASN1_TIME_print under Node; what it cannot read prints as `Bad time value`, as there. */
export function printTime(time: DerElement): string {
  const text = time.value.toString('latin1');
  const utc = time.tag === TAG.UTC_TIME;
  const pattern = utc
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?:(\d{2})(\.\d+)?)?(Z|[+-]\d{4})$/;
  const match = pattern.exec(text);
  if (!match) return BAD_TIME;
  const [, y, mo, d, h, mi, s = '00'] = match;
  const fraction = utc ? '' : (match[7] ?? '');
  const zone = utc ? match[7] : match[8];
  const year = utc ? (Number(y) < 50 ? 2000 : 1900) + Number(y) : Number(y);
  const [month, day, hour, minute, second] = [mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return BAD_TIME;
  let at = Date.UTC(year, month - 1, day, hour, minute, second);
  if (zone !== 'Z') {
    const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(3, 5))];
    if (oh > 12 || om > 59) return BAD_TIME;
    at += (zone[0] === '-' ? 1 : -1) * (oh * 3600 + om * 60) * 1000;
  }
  const t = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const printedFraction = fraction && text.length > 15 ? fraction : '';
  return `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2, ' ')} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}${printedFraction} ${t.getUTCFullYear()}${zone === 'Z' ? ' GMT' : ''}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Node's serialNumber: OpenSSL's BN_bn2hex of the INTEGER (two's complement, so a negative one gets a `-`). */
export function serialHex(content: Buffer): string {
  const negative = (content[0] & 0x80) !== 0;
  let magnitude = BigInt(`0x${content.toString('hex')}`);
  if (negative) magnitude = (1n << BigInt(content.length * 8)) - magnitude;
  if (magnitude === 0n) return '0';
  const hexText = magnitude.toString(16).toUpperCase();
  return `${negative ? '-' : ''}${hexText.length % 2 ? `0${hexText}` : hexText}`;
}

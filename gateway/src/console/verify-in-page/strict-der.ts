/**
 * DER read strictly, as OpenSSL's templates read a certificate: each element's tag is the one the
 * structure names, a constructed element holds exactly its parts, OIDs and INTEGERs are minimally
 * encoded, a BOOLEAN is one byte. Built on the verifier's der.ts; anything else throws.
 */
import { derChildren, readDer, TAG, type DerElement } from '../../verify/der';

export { derChildren, readDer, TAG, type DerElement };

export const BOOLEAN = 0x01;
export const GENERALIZED_TIME = 0x18;

export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element || element.tag !== tag) throw new Error(`${what}: unexpected ASN.1 tag`);
  return element;
}

/** The parts of a constructed element of `tag`; throws unless there are between `min` and `max`. */
export function partsOf(element: DerElement | undefined, tag: number, what: string, min = 0, max = Infinity): DerElement[] {
  const parts = derChildren(expectTag(element, tag, what));
  if (parts.length < min || parts.length > max) throw new Error(`${what}: ${parts.length} parts`);
  return parts;
}

/** Dotted OID text; refuses what OpenSSL's c2i_ASN1_OBJECT refuses (0x80 padding, a truncated arc). */
export function readOid(element: DerElement | undefined): string {
  const content = expectTag(element, TAG.OID, 'OID').value;
  if (content.length === 0 || content[content.length - 1] & 0x80) throw new Error('OID: invalid encoding');
  const arcs: number[] = [];
  let arc = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i];
    if (byte === 0x80 && (i === 0 || !(content[i - 1] & 0x80))) throw new Error('OID: invalid encoding');
    arc = arc * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(arc < 80 ? Math.floor(arc / 40) : 2, arc < 80 ? arc % 40 : arc - 80);
    else arcs.push(arc);
    arc = 0;
  }
  return arcs.join('.');
}

/** An INTEGER's content bytes; refuses an empty or padded encoding, as OpenSSL does. */
export function readInteger(element: DerElement | undefined, what: string): Buffer {
  const content = expectTag(element, TAG.INTEGER, what).value;
  if (content.length === 0) throw new Error(`${what}: empty INTEGER`);
  if (content.length > 1 && ((content[0] === 0x00 && !(content[1] & 0x80)) || (content[0] === 0xff && content[1] & 0x80))) {
    throw new Error(`${what}: padded INTEGER`);
  }
  return content;
}

export function readBoolean(element: DerElement | undefined, what: string): boolean {
  const content = expectTag(element, BOOLEAN, what).value;
  if (content.length !== 1) throw new Error(`${what}: BOOLEAN of ${content.length} bytes`);
  return content[0] !== 0;
}

/** A BIT STRING: its bytes, the unused bits of the last one cleared (as OpenSSL's c2i does), and how many there were. */
export function readBits(element: DerElement | undefined, what: string): { bytes: Buffer; unused: number } {
  const content = expectTag(element, TAG.BIT_STRING, what).value;
  if (content.length === 0 || content[0] > 7) throw new Error(`${what}: invalid BIT STRING`);
  const unused = content.length > 1 ? content[0] : 0;
  const bytes = Buffer.from(content.subarray(1));
  if (bytes.length > 0) bytes[bytes.length - 1] &= 0xff << unused;
  return { bytes, unused };
}

export function readBitString(element: DerElement | undefined, what: string): Buffer {
  return readBits(element, what).bytes;
}

/** A SEQUENCE OF / SET OF: OpenSSL reads its items whether or not the tag says constructed. */
export function itemsOf(element: DerElement | undefined, tag: number, what: string): DerElement[] {
  if (!element || (element.tag | 0x20) !== tag) throw new Error(`${what}: unexpected ASN.1 tag`);
  return derChildren(element);
}

/** An OCTET STRING's bytes, primitive or constructed (BER: the parts' contents, concatenated). */
export function readOctetString(element: DerElement | undefined, what: string): Buffer {
  if (!element || (element.tag | 0x20) !== (TAG.OCTET_STRING | 0x20)) throw new Error(`${what}: unexpected ASN.1 tag`);
  return element.tag & 0x20 ? collect(element) : element.value;
}

/** A constructed string's content: its parts' contents, whatever their tags (OpenSSL's asn1_collect). */
export function collect(element: DerElement): Buffer {
  return Buffer.concat(derChildren(element).map((part) => (part.tag & 0x20 ? collect(part) : part.value)));
}

const NULL = 0x05;
const ENUMERATED = 0x0a;
const BMP_STRING = 0x1e;
const UNIVERSAL_STRING = 0x1c;

/** An ASN.1 ANY (e.g. algorithm parameters), checked as OpenSSL decodes one: by its universal type. */
export function readAny(element: DerElement): void {
  if ((element.tag & 0xc0) !== 0) return;
  const number = element.tag & 0x1f;
  const constructed = (element.tag & 0x20) !== 0;
  if (number === 0 || number === 0x1f) throw new Error('ANY: unsupported tag');
  if (number === 0x10 || number === 0x11) {
    if (!constructed) throw new Error('ANY: SEQUENCE and SET are constructed');
    return;
  }
  if (constructed) {
    if ([BOOLEAN, TAG.INTEGER, NULL, TAG.OID, ENUMERATED].includes(number)) throw new Error('ANY: type not primitive');
    derChildren(element).forEach((part) => readAny({ ...part, tag: part.tag & 0x20 ? part.tag : (part.tag & 0xe0) | number }));
    return;
  }
  switch (number) {
    case TAG.OID:
      readOid(element);
      return;
    case TAG.INTEGER:
    case ENUMERATED:
      readInteger({ ...element, tag: TAG.INTEGER }, 'ANY');
      return;
    case BOOLEAN:
      readBoolean(element, 'ANY');
      return;
    case NULL:
      if (element.value.length !== 0) throw new Error('ANY: NULL with content');
      return;
    case TAG.BIT_STRING:
      readBitString(element, 'ANY');
      return;
    case BMP_STRING:
      if (element.value.length % 2) throw new Error('ANY: BMPString of odd length');
      return;
    case UNIVERSAL_STRING:
      if (element.value.length % 4) throw new Error('ANY: UniversalString length not a multiple of 4');
      return;
  }
}

/**
 * Just enough DER (ASN.1) for the verifier: writing the block header Fabric hashes, and reading
 * the certificate revocation lists an MSP carries (node:crypto parses certificates, not CRLs).
 */

/** One DER TLV: tag, definite length (short or long form), value. */
export function der(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(value.length), value]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A non-negative INTEGER's content: minimal big-endian bytes, with a 0x00 lead when the top bit is set. */
export function derUnsigned(value: number | bigint): Buffer {
  const bytes: number[] = [];
  for (let n = BigInt(value); n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
  return Buffer.from(bytes);
}

export interface DerElement {
  tag: number;
  /** The content bytes. */
  value: Buffer;
  /** The whole element: tag, length and content (what a signature covers). */
  raw: Buffer;
}

/** Reads the element at `offset`. */
export function readDer(bytes: Buffer, offset = 0): DerElement {
  if (offset + 2 > bytes.length) throw new Error('DER: truncated');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  if (start + length > bytes.length) throw new Error('DER: truncated');
  return { tag, value: bytes.subarray(start, start + length), raw: bytes.subarray(offset, start + length) };
}

/** The elements inside a constructed element (SEQUENCE, SET, context tags). */
export function derChildren(element: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = 0; offset < element.value.length; ) {
    const child = readDer(element.value, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

export const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, OID: 0x06, UTF8: 0x0c, SEQUENCE: 0x30, SET: 0x31, UTC_TIME: 0x17 } as const;

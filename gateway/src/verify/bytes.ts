/** Byte encodings used in proof bundles: hashes in lowercase hex, raw protobuf bytes in base64. */

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(text: string): Buffer {
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new Error(`not hex: ${text.slice(0, 20)}`);
  return Buffer.from(text, 'hex');
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function fromBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  // Canonical base64 (what bundles carry) encodes back to itself: no need to scan it for stray characters.
  if (bytes.toString('base64') !== text && !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error('not base64');
  return bytes;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

/** The first bytes of a hash, for messages. */
export function short(hashHex: string): string {
  return hashHex.length > 16 ? `${hashHex.slice(0, 16)}…` : hashHex;
}

/**
 * What the verifier imports from node:crypto, for the page: the browser bundle aliases
 * `node:crypto` to this module, so the verifier's own code runs unchanged. Synchronous, as the
 * verifier is (WebCrypto's digest and verify are async only).
 */
import { digestOf } from './public-key';
import type { PublicKey } from './public-key';

export { X509Certificate } from './x509';
export type { PublicKey as KeyObject } from './public-key';

class Hash {
  private readonly parts: Uint8Array[] = [];

  constructor(private readonly algorithm: string) {
    digestOf(algorithm, new Uint8Array(0));
  }

  update(data: string | Uint8Array, encoding?: BufferEncoding): this {
    // A copy, as Node hashes the bytes at the call: a caller may reuse its buffer (bounded-memo does).
    this.parts.push(typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : Buffer.from(data));
    return this;
  }

  digest(): Buffer;
  digest(encoding: BufferEncoding): string;
  digest(encoding?: BufferEncoding): Buffer | string {
    const digest = Buffer.from(digestOf(this.algorithm, Buffer.concat(this.parts)));
    return encoding ? digest.toString(encoding) : digest;
  }
}

export function createHash(algorithm: string): Hash {
  return new Hash(algorithm);
}

/** As node:crypto's one-shot verify: `algorithm` is the digest (null for Ed25519). */
export function verify(algorithm: string | null | undefined, data: Uint8Array, key: PublicKey, signature: Uint8Array): boolean {
  return key.verify(algorithm ?? null, data, signature);
}

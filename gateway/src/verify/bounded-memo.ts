/**
 * What the verifier has already worked out in this process, keyed by a digest of the exact bytes
 * it was worked out from. Only pure functions of those bytes are kept (a config envelope parsed, a
 * signature checked over given bytes with a given certificate): no trust anchor, time or policy
 * enters a value, so a hit is the answer the check would give again, and a bundle that differs in
 * one byte misses. The trust anchor, validity times and policies are checked on every bundle.
 */
import { createHash } from 'node:crypto';

export class BoundedMemo<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  /** The value for `key`, computed once; a computation that throws is not kept. */
  get(key: string, compute: () => V): V {
    if (this.values.has(key)) return this.values.get(key) as V;
    const value = compute();
    if (this.values.size >= this.maxEntries) this.values.delete(this.values.keys().next().value as string);
    this.values.set(key, value);
    return value;
  }

  get size(): number {
    return this.values.size;
  }
}

/** SHA-256 over the parts, each preceded by its length, so that no two lists of parts share a digest. */
export function digestOf(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  const length = Buffer.alloc(8);
  for (const part of parts) {
    length.writeBigUInt64BE(BigInt(part.length));
    hash.update(length).update(part);
  }
  return hash.digest('base64');
}

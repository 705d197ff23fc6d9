/**
 * Token buckets per key (a system id, a client address): each key may spend `burst` at once and
 * gets `perSecond` back every second. In memory, per gateway process: a restart forgets them.
 */
interface Bucket {
  tokens: number;
  at: number;
}

/** Past this many keys, buckets that have refilled completely are dropped (they hold no state). */
const PRUNE_ABOVE = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one token of `key`; when none is left, says how many seconds until one is back. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: this.secondsUntilToken(bucket) };
  }

  /** Seconds until `key` has a token again; 0 if it has one now. Spends nothing. */
  waitFor(key: string): number {
    const bucket = this.refilled(key);
    return bucket.tokens >= 1 ? 0 : this.secondsUntilToken(bucket);
  }

  private secondsUntilToken(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= PRUNE_ABOVE) this.prune(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    return bucket;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}

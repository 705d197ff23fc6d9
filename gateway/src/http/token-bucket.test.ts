import { TokenBuckets } from './token-bucket';

describe('token buckets per caller', () => {
  it('a caller may spend its burst at once, then waits for tokens to come back', () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 3, () => now);
    expect([1, 2, 3].map(() => buckets.take('finance-system').allowed)).toEqual([true, true, true]);
    expect(buckets.take('finance-system')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 500; // half a second at 2 a second gives one token back
    expect(buckets.take('finance-system').allowed).toBe(true);
    expect(buckets.take('finance-system').allowed).toBe(false);
  });

  it('callers do not share a bucket', () => {
    const buckets = new TokenBuckets(1, 1, () => 0);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('Retry-After is the whole seconds until the next token, at least 1', () => {
    const buckets = new TokenBuckets(1 / 60, 1, () => 0);
    buckets.take('10.0.0.9');
    expect(buckets.waitFor('10.0.0.9')).toBe(60);
    expect(buckets.waitFor('10.0.0.8')).toBe(0);
  });
});

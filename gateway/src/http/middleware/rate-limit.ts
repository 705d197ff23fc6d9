/**
 * Limits that keep one caller from crowding out the others: requests per registered system,
 * and failed authentications per client address (guessing keys). Both answer 429 with
 * Retry-After in the error shape.
 */
import type { Middleware } from 'koa';
import type { HttpSettings } from '../../config-http';
import { ApiError, tooManyRequests } from '../../errors';
import { TokenBuckets } from '../token-bucket';

/** Runs after authentication: each system spends one token per request. */
export function limitPerSystem({ perSystemPerSecond, perSystemBurst }: HttpSettings['rateLimit']): Middleware {
  const buckets = new TokenBuckets(perSystemPerSecond, perSystemBurst);
  return async (ctx, next) => {
    const taken = buckets.take(ctx.state.caller.systemId);
    if (!taken.allowed) throw tooManyRequests(`more than ${perSystemPerSecond} requests a second from this system`, taken.retryAfterSeconds);
    await next();
  };
}

/**
 * Wraps authentication: each 401 spends one of the address's tokens; an address with none left
 * is answered 429 before its key is even looked at, whatever key it sends.
 */
export function limitFailedAuth({ failedAuthPerMinute }: HttpSettings['rateLimit']): Middleware {
  const buckets = new TokenBuckets(failedAuthPerMinute / 60, failedAuthPerMinute);
  return async (ctx, next) => {
    const wait = buckets.waitFor(ctx.ip);
    if (wait > 0) throw tooManyRequests('too many failed authentications from this address', wait);
    try {
      await next();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) buckets.take(ctx.ip);
      throw err;
    }
  };
}

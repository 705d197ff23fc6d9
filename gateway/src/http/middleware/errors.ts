import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { LedgerError } from '@welfare-ledger/chaincode/lib';
import { ApiError } from '../../errors';

/** Body-parser and Koa errors that carry a status: what they mean to a caller. */
function fromHttpError(err: { status?: number; type?: string; body?: unknown }): ApiError | undefined {
  if (err.status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'the request body is larger than allowed');
  if (err.status === 415) return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json');
  // co-body (under koa-bodyparser) marks a body it could not parse as JSON with status 400 and the raw text.
  if (err.status === 400 && err.body !== undefined) return new ApiError(400, 'MALFORMED_JSON', 'the body is not valid JSON');
  if (err.status && err.status >= 400 && err.status < 500) return new ApiError(err.status, 'BAD_REQUEST', 'the request cannot be read');
  return undefined;
}

/** A status the router set without a body (no route, a method the path does not take, an unknown method). */
function fromBareStatus(ctx: Context): ApiError {
  const allowed = ctx.response.get('Allow');
  if (ctx.status === 405) return new ApiError(405, 'METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}; allowed: ${allowed}`);
  if (ctx.status === 501) return new ApiError(501, 'NOT_IMPLEMENTED', `the method ${ctx.method} is not supported`);
  if (ctx.status === 404) return new ApiError(404, 'NOT_FOUND', `no route for ${ctx.method} ${ctx.path}`);
  return new ApiError(ctx.status, 'BAD_REQUEST', 'the request cannot be answered');
}

/** A ledger rule applied in the gateway itself (e.g. canonical JSON refusing a lone surrogate): its own code and status. */
function fromLedgerError(err: LedgerError): ApiError {
  return ApiError.fromReason(err.code, err.message.replace(/^\[[A-Z_]+\] /, ''), err.details);
}

/**
 * Renders every failure as `{ error: { code, message, details } }`. Unexpected errors are logged
 * with the request id and answered with a generic 500: no stack or internals leave the gateway.
 */
export function errors(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body === undefined) throw fromBareStatus(ctx);
    } catch (caught) {
      const err = caught instanceof ApiError ? caught : caught instanceof LedgerError ? fromLedgerError(caught) : fromHttpError(caught as object);
      if (!err) log.error({ requestId: ctx.state.requestId, err: (caught as Error).message }, 'unexpected error');
      const apiError = err ?? new ApiError(500, 'INTERNAL', 'internal error');
      if (apiError.status >= 500 && apiError.internal) {
        log.warn({ requestId: ctx.state.requestId, code: apiError.code, internal: apiError.internal }, 'ledger failure');
      }
      if (apiError.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(apiError.retryAfterSeconds));
      ctx.status = apiError.status;
      ctx.body = { error: { code: apiError.code, message: apiError.message, details: apiError.details } };
    }
  };
}

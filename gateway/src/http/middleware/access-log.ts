import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** One structured line per request. Only ids, route and status: never a body or a citizen's data. */
export function accessLog(log: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      log.info({
        requestId: ctx.state.requestId,
        systemId: ctx.state.caller?.systemId,
        method: ctx.method,
        route: ctx._matchedRoute ?? 'unmatched',
        status: ctx.status,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        txId: ctx.state.txId,
      });
    }
  };
}

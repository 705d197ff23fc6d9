import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { httpRequests, httpSeconds } from '../../metrics';

/** One structured line and the request metrics per request. Only ids, route and status: never a body or a citizen's data. */
export function accessLog(log: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const labels = { route: ctx._matchedRoute ? String(ctx._matchedRoute) : 'unmatched', method: ctx.method, status: String(ctx.status) };
      httpRequests.inc(labels);
      httpSeconds.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
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

/**
 * A `text/csv` upload is read as bytes, not text: finance systems export CSV in UTF-8 or GB18030,
 * and only the route knows which charset to decode it with (csv-charset.ts). Runs before the
 * JSON body parser, which then leaves the request alone.
 */
import type { Middleware } from 'koa';
import getRawBody from 'raw-body';

export function csvBody(limitBytes: number): Middleware {
  return async (ctx, next) => {
    if (ctx.request.length && ctx.is('text/csv')) {
      ctx.request.body = await getRawBody(ctx.req, { length: ctx.request.length, limit: limitBytes });
    }
    await next();
  };
}

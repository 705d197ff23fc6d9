import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** Gives each request an id (or keeps a well-formed X-Request-Id) and echoes it back. */
export function requestId(): Middleware {
  return async (ctx, next) => {
    const given = ctx.get('X-Request-Id');
    ctx.state.requestId = /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    await next();
  };
}

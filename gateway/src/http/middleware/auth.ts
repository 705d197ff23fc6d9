import type { Middleware } from 'koa';
import type { KeyStore } from '../../auth/key-store';
import type { Caller, Role } from '../../auth/roles';
import { forbidden, unauthorized } from '../../errors';

/** Resolves `Authorization: Bearer <api key>` to the calling system; 401 without a valid key. */
export function authenticate(keys: KeyStore): Middleware {
  return async (ctx, next) => {
    const match = /^Bearer (\S+)$/.exec(ctx.get('Authorization'));
    const caller = match ? keys.authenticate(match[1]) : undefined;
    if (!caller) throw unauthorized();
    ctx.state.caller = caller;
    await next();
  };
}

/** Lets the request through only if the caller holds one of the roles; 403 before any ledger call. */
export function requireRole(...roles: Role[]): Middleware {
  return async (ctx, next) => {
    const caller = ctx.state.caller as Caller;
    if (!roles.some((role) => caller.roles.includes(role))) {
      throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
    }
    await next();
  };
}

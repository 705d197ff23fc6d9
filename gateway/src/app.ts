/**
 * The Koa app: cross-cutting middleware in the order a request meets it, then the routes.
 * Nothing else happens here.
 */
import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import type { Logger } from 'pino';
import type { KeyStore } from './auth/key-store';
import type { Ledger } from './fabric/ledger';
import { accessLog } from './http/middleware/access-log';
import { authenticate } from './http/middleware/auth';
import { errors } from './http/middleware/errors';
import { requestId } from './http/middleware/request-id';
import { disbursementRoutes } from './http/routes/disbursements';
import { eligibilityRoutes } from './http/routes/eligibility';
import { healthRoutes } from './http/routes/health';
import { programmeRoutes } from './http/routes/programmes';
import type { Services } from './services/context';

export interface AppDeps extends Services {
  ledger: Ledger;
  keys: KeyStore;
  log: Logger;
  bodyLimitBytes: number;
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = false;

  const open = new Router();
  healthRoutes(open, deps.ledger);

  const api = new Router();
  api.use(authenticate(deps.keys));
  programmeRoutes(api, deps);
  eligibilityRoutes(api, deps);
  disbursementRoutes(api, deps);

  app.use(requestId());
  app.use(accessLog(deps.log));
  app.use(errors(deps.log));
  app.use(requireJsonBody());
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: `${deps.bodyLimitBytes}b`, strict: true }));
  app.use(open.routes());
  app.use(api.routes());
  app.use(api.allowedMethods());
  return app;
}

/** A write with a body must say it is JSON; anything else is 415 before it is read. */
function requireJsonBody(): Koa.Middleware {
  return async (ctx, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(ctx.method) && ctx.request.length && !ctx.is('application/json')) {
      ctx.throw(415);
    }
    await next();
  };
}

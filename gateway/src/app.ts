/**
 * The Koa app: cross-cutting middleware in the order a request meets it, then the routes.
 * Nothing else happens here.
 */
import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import type { Logger } from 'pino';
import type { HttpSettings } from './config-http';
import { accessLog } from './http/middleware/access-log';
import { authenticate } from './http/middleware/auth';
import { csvBody } from './http/middleware/csv-body';
import { errors } from './http/middleware/errors';
import { idempotency } from './http/middleware/idempotency';
import { limitJsonDepth } from './http/middleware/json-depth';
import { limitFailedAuth, limitPerSystem } from './http/middleware/rate-limit';
import { requestId } from './http/middleware/request-id';
import { securityHeaders } from './http/middleware/security-headers';
import type { Shutdown } from './http/shutdown';
import { mount, type RouteSpec } from './http/route';
import { accessEventRoutes } from './http/routes/access-events';
import { deathRoutes } from './http/routes/deaths';
import { disbursementRoutes } from './http/routes/disbursements';
import { operationRoutes } from './http/routes/docs';
import { eligibilityRoutes } from './http/routes/eligibility';
import { healthRoutes } from './http/routes/health';
import { programmeRoutes } from './http/routes/programmes';
import { proofRoutes } from './http/routes/proofs';
import { reportRoutes } from './http/routes/reports';
import { systemRoutes } from './http/routes/systems';
import type { Readiness } from './fabric/readiness';
import { consoleApiRoutes, consoleOpenRoutes } from './console/console-routes';
import type { DataAccessCodes } from './console/access-codes';
import type { ProofService } from './proofs/proof-service';
import type { Services } from './services/context';
import type { IdempotentAnswers } from './store/idempotent-answers';

export interface AppDeps extends Services {
  idempotentAnswers: IdempotentAnswers;
  proofs: ProofService;
  log: Logger;
  bodyLimitBytes: number;
  http: HttpSettings;
  readiness: Readiness;
  shutdown: Shutdown;
  /** The one-time codes of the console's "who read my data". */
  accessCodes: DataAccessCodes;
}

export function createApp(deps: AppDeps): Koa {
  const api: RouteSpec[] = [
    ...systemRoutes(deps),
    ...programmeRoutes(deps),
    ...eligibilityRoutes(deps),
    ...deathRoutes(deps),
    ...disbursementRoutes(deps),
    ...accessEventRoutes(deps),
    ...reportRoutes(deps),
    ...proofRoutes(deps, deps.proofs),
    ...consoleApiRoutes(deps),
  ];
  const open: RouteSpec[] = [...healthRoutes(deps.ledger, deps.readiness), ...operationRoutes(() => [...open, ...api]), ...consoleOpenRoutes(deps)];

  const openRouter = new Router();
  mount(openRouter, open);
  const apiRouter = new Router();
  apiRouter.use(limitFailedAuth(deps.http.rateLimit));
  apiRouter.use(authenticate(deps.keys));
  apiRouter.use(limitPerSystem(deps.http.rateLimit));
  mount(apiRouter, api, [idempotency(deps.idempotentAnswers)]);

  const app = new Koa();
  app.use(requestId());
  app.use(accessLog(deps.log));
  app.use(errors(deps.log));
  app.use(deps.shutdown.middleware());
  app.use(securityHeaders({ https: Boolean(deps.http.tls) }));
  app.use(requireKnownBodyType());
  app.use(csvBody(deps.bodyLimitBytes));
  app.use(
    bodyParser({
      enableTypes: ['json', 'text'],
      jsonLimit: `${deps.bodyLimitBytes}b`,
      textLimit: `${deps.bodyLimitBytes}b`,
      strict: true,
    }),
  );
  app.use(limitJsonDepth(deps.http.jsonMaxDepth));
  app.use(openRouter.routes());
  app.use(apiRouter.routes());
  app.use(apiRouter.allowedMethods());
  return app;
}

/** A write with a body must be JSON (or CSV for batch uploads); anything else is 415 before it is read. */
function requireKnownBodyType(): Koa.Middleware {
  return async (ctx, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(ctx.method) && ctx.request.length && !ctx.is('application/json', 'text/csv')) {
      ctx.throw(415);
    }
    await next();
  };
}

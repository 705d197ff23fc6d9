/**
 * A clean stop: on SIGTERM the gateway takes no new request and finishes the ones it has. A request
 * arriving on a kept-alive connection is answered 503 SHUTTING_DOWN with `Retry-After` and
 * `Connection: close` (nothing was done; another gateway of the org, or this one restarted, takes
 * it); a request in flight runs to its end, so a write gets its receipt, for at most `graceMs`.
 * Only then are the ledger connections closed.
 */
import type * as http from 'node:http';
import type { Middleware } from 'koa';
import { ApiError } from '../errors';

export class Shutdown {
  private stopping = false;
  private inFlight = 0;
  private whenIdle?: () => void;

  /** Counts requests in flight; once stopping, refuses new ones. */
  middleware(): Middleware {
    return async (ctx, next) => {
      if (this.stopping) {
        ctx.set('Connection', 'close');
        throw Object.assign(new ApiError(503, 'SHUTTING_DOWN', 'this gateway is stopping; nothing was done, send the request again'), { retryAfterSeconds: 1 });
      }
      // Done when the answer has left (or the connection is gone), not when the handler returns:
      // Koa writes the answer after the middleware chain, and it must not be cut.
      this.inFlight++;
      ctx.res.once('close', () => {
        this.inFlight--;
        if (this.stopping && this.inFlight === 0) this.whenIdle?.();
      });
      await next();
    };
  }

  /** Stops taking requests and resolves once those in flight are answered, or after graceMs. Returns how many were still running then. */
  async stop(server: Pick<http.Server, 'close' | 'closeIdleConnections' | 'closeAllConnections'>, graceMs: number): Promise<number> {
    this.stopping = true;
    server.close();
    server.closeIdleConnections();
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.whenIdle = resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    }
    const unfinished = this.inFlight;
    server.closeAllConnections();
    return unfinished;
  }
}

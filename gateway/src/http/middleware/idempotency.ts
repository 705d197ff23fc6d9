/**
 * `Idempotency-Key` on writes. Mounted per route after authentication and the role check, so a
 * caller without the right can neither read a stored answer nor occupy a key.
 *
 * - The first successful answer is stored per (system, key) and a retry with the same request
 *   gets it again (`Idempotent-Replayed: true`) without touching the ledger; the same key with a
 *   different request is a 409.
 * - Requests with one key that arrive together are taken one at a time: the later ones wait for
 *   the first and get its answer, so the ledger sees one write.
 * - Answers carrying a new API key are never stored (a key is shown once). Routes that read
 *   personal data do not use this middleware at all: a retried read runs again and is logged
 *   as an access event again, like any read.
 */
import type { Middleware } from 'koa';
import { ApiError } from '../../errors';
import type { IdempotentAnswers } from '../../store/idempotent-answers';

const KEY_SHAPE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's identity for comparison: method, path, query, and the body with its keys sorted. */
function describe(method: string, path: string, query: string, body: unknown): string {
  const sortedKeys = (_key: string, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value;
  const text = Buffer.isBuffer(body) ? body.toString('base64') : typeof body === 'string' ? body : JSON.stringify(body ?? null, sortedKeys);
  return `${method} ${path}?${query}\n${text}`;
}

export function idempotency(answers: IdempotentAnswers): Middleware {
  /** Keys with a request in progress, and a promise that settles when it is done. */
  const inProgress = new Map<string, Promise<void>>();

  return async (ctx, next) => {
    const key = ctx.get('Idempotency-Key');
    if (!key || ctx.method === 'GET') return next();
    if (!KEY_SHAPE.test(key)) throw new ApiError(400, 'VALIDATION', 'Idempotency-Key: 1 to 128 of letters, digits and . _ : -');
    const keyHmac = answers.keyHmac(ctx.state.caller.systemId, key);
    const requestHmac = answers.requestHmac(describe(ctx.method, ctx.path, ctx.querystring, ctx.request.body));

    while (inProgress.has(keyHmac)) await inProgress.get(keyHmac);
    const stored = answers.find(keyHmac);
    if (stored) {
      if (stored.requestHmac !== requestHmac) {
        throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was used for a different request');
      }
      ctx.status = stored.status;
      ctx.body = stored.body;
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }

    let done!: () => void;
    inProgress.set(keyHmac, new Promise<void>((resolve) => (done = resolve)));
    try {
      await next();
      const answer = ctx.body as { apiKey?: unknown } | undefined;
      if (ctx.status >= 200 && ctx.status < 300 && answer && answer.apiKey === undefined) {
        answers.save(keyHmac, requestHmac, ctx.status, answer);
      }
    } finally {
      inProgress.delete(keyHmac);
      done();
    }
  };
}

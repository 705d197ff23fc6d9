/**
 * `Idempotency-Key` on writes: the first successful answer is stored per (system, key) and a retry
 * with the same request gets that answer again without touching the ledger; the same key with a
 * different request is a 409. Answers carrying a new API key are never stored (a key is shown once).
 */
import { canonicalJson } from '@welfare-ledger/chaincode/lib';
import type { Middleware } from 'koa';
import { createHash } from 'node:crypto';
import { ApiError } from '../../errors';
import type { StateDb } from '../../store/state-db';

const KEY_SHAPE = /^[A-Za-z0-9._:-]{1,128}$/;

interface Stored {
  request_hash: string;
  status: number;
  body: string;
}

export function idempotency(db: StateDb): Middleware {
  const find = db.prepare('SELECT request_hash, status, body FROM idempotency WHERE system_id = ? AND key = ?');
  const save = db.prepare(
    'INSERT OR IGNORE INTO idempotency (system_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return async (ctx, next) => {
    const key = ctx.get('Idempotency-Key');
    if (!key || ctx.method === 'GET') return next();
    if (!KEY_SHAPE.test(key)) throw new ApiError(400, 'VALIDATION', 'Idempotency-Key: 1 to 128 of letters, digits and . _ : -');
    const systemId: string = ctx.state.caller.systemId;
    const body = ctx.request.body;
    const requestHash = createHash('sha256')
      .update(`${ctx.method} ${ctx.path}?${ctx.querystring}\n`)
      .update(Buffer.isBuffer(body) || typeof body === 'string' ? body : canonicalJson(body ?? null))
      .digest('hex');
    const stored = find.get(systemId, key) as Stored | undefined;
    if (stored) {
      if (stored.request_hash !== requestHash) {
        throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was used for a different request');
      }
      ctx.status = stored.status;
      ctx.body = JSON.parse(stored.body);
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }
    await next();
    const answer = ctx.body as { apiKey?: unknown } | undefined;
    if (ctx.status >= 200 && ctx.status < 300 && answer && answer.apiKey === undefined) {
      save.run(systemId, key, requestHash, ctx.status, JSON.stringify(answer), new Date().toISOString());
    }
  };
}

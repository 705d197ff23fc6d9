import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import type { AddressInfo } from 'node:net';
import { IdempotentAnswers } from '../../store/idempotent-answers';
import { openStateDb, type StateDb } from '../../store/state-db';
import { errors } from './errors';
import { idempotency } from './idempotency';

const silent = { error: () => undefined, warn: () => undefined } as never;

/** A write endpoint that takes 50 ms and counts how often it ran. */
function appWithCountingWrite(db: StateDb): { app: Koa; writes: () => number } {
  let count = 0;
  const app = new Koa();
  app.use(errors(silent));
  app.use(bodyParser());
  app.use(async (ctx, next) => {
    ctx.state.caller = { systemId: ctx.get('x-system'), mspId: 'FinanceMSP', roles: ['finance'] };
    await next();
  });
  app.use(idempotency(new IdempotentAnswers(db, Buffer.alloc(32, 7))));
  app.use(async (ctx) => {
    count++;
    await new Promise((r) => setTimeout(r, 50));
    ctx.status = 201;
    ctx.body = { txId: `tx${count}`, record: ctx.request.body };
  });
  return { app, writes: () => count };
}

describe('Idempotency-Key', () => {
  let db: StateDb;
  let url: string;
  let writes: () => number;
  let close: () => void;

  beforeEach(async () => {
    db = openStateDb(':memory:');
    const built = appWithCountingWrite(db);
    writes = built.writes;
    const server = built.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/disbursements`;
    close = () => server.close();
  });
  afterEach(() => {
    close();
    db.close();
  });

  const send = (key: string, body: object, system = 'finance-system') =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-system': system }, body: JSON.stringify(body) });

  it('20 requests with one key at once run the write once; the others get its answer', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => send('k1', { lineId: 'L1', citizenId: '110105194912310021' })));
    expect(writes()).toBe(1);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    for (const body of bodies) expect(body).toEqual({ txId: 'tx1', record: { lineId: 'L1', citizenId: '110105194912310021' } });
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
  });

  it('the same key with another body is a 409; another system may use the same key', async () => {
    await send('k2', { lineId: 'L1' });
    const other = await send('k2', { lineId: 'L2' });
    expect(other.status).toBe(409);
    expect(((await other.json()) as any).error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await send('k2', { lineId: 'L2' }, 'other-system')).status).toBe(201);
    expect(writes()).toBe(2);
  });

  it('the same body with its fields in another order is the same request', async () => {
    await send('k3', { a: 1, b: 2 });
    expect((await send('k3', { b: 2, a: 1 })).headers.get('idempotent-replayed')).toBe('true');
  });

  it('the store holds keyed hashes of key and request, never the key or the citizen ID sent', async () => {
    await send('my-key-123', { lineId: 'L1', citizenId: '110105194912310021' });
    const rows = JSON.stringify(db.prepare('SELECT key_hmac, request_hmac FROM idempotent_answers').all());
    expect(rows).not.toContain('my-key-123');
    expect(rows).not.toContain('110105194912310021');
    expect(rows).toMatch(/[0-9a-f]{64}/);
  });
});

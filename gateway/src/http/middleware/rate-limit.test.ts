import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { unauthorized } from '../../errors';
import { errors } from './errors';
import { limitFailedAuth, limitPerSystem } from './rate-limit';

const silent = { error: () => undefined, warn: () => undefined } as never;
const limits = { perSystemPerSecond: 1, perSystemBurst: 3, failedAuthPerMinute: 2 };

async function serve(app: Koa): Promise<{ url: string; close: () => void }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

describe('rate limits', () => {
  it('a system past its burst is answered 429 RATE_LIMITED with Retry-After; another system is not', async () => {
    const app = new Koa();
    app.use(errors(silent));
    app.use(async (ctx, next) => {
      ctx.state.caller = { systemId: ctx.get('x-system') };
      await next();
    });
    app.use(limitPerSystem(limits));
    app.use(async (ctx) => (ctx.body = { ok: true }));
    const { url, close } = await serve(app);
    try {
      const as = (system: string) => fetch(url, { headers: { 'x-system': system } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await as('finance-system')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await as('finance-system');
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(((await limited.json()) as any).error.code).toBe('RATE_LIMITED');
      expect((await as('audit-system')).status).toBe(200);
    } finally {
      close();
    }
  });

  it('an address past its failed authentications is answered 429 before its key is looked at', async () => {
    let looked = 0;
    const app = new Koa();
    app.use(errors(silent));
    app.use(limitFailedAuth(limits));
    app.use(async (ctx) => {
      looked++;
      if (ctx.get('authorization') !== 'Bearer good') throw unauthorized();
      ctx.body = { ok: true };
    });
    const { url, close } = await serve(app);
    try {
      const withKey = (key: string) => fetch(url, { headers: { authorization: `Bearer ${key}` } });
      expect([(await withKey('bad1')).status, (await withKey('bad2')).status]).toEqual([401, 401]);
      const limited = await withKey('good');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(looked).toBe(2);
    } finally {
      close();
    }
  });
});

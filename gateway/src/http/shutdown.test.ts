import Koa from 'koa';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { errors } from './middleware/errors';
import { Shutdown } from './shutdown';

/** A server whose /slow answers when the test says so. */
async function serve() {
  const shutdown = new Shutdown();
  let finish!: () => void;
  const slow = new Promise<void>((r) => (finish = r));
  const app = new Koa();
  app.use(errors(pino({ level: 'silent' })));
  app.use(shutdown.middleware());
  app.use(async (ctx) => {
    if (ctx.path === '/slow') await slow;
    ctx.body = { done: ctx.path };
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { shutdown, server, url, finish };
}

describe('a clean gateway stop', () => {
  it('a request in flight is answered in full; one arriving after the stop began is 503 SHUTTING_DOWN, retryable', async () => {
    const { shutdown, server, url, finish } = await serve();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const get = (path: string) =>
      new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
        http.get(`${url}${path}`, { agent }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
        }).on('error', reject);
      });
    await get('/warm'); // a kept-alive connection that stays open
    await get('/warm');
    const inFlight = get('/slow');
    await new Promise((r) => setTimeout(r, 100));
    const stopped = shutdown.stop(server, 10_000);
    // The server no longer accepts connections; drive the middleware directly as a kept-alive request would.
    const late = shutdown.middleware();
    const ctx = { set: jest.fn() } as unknown as Koa.Context;
    await expect(late(ctx, async () => {})).rejects.toMatchObject({ status: 503, code: 'SHUTTING_DOWN', retryAfterSeconds: 1 });
    finish();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toEqual({ done: '/slow' });
    expect(await stopped).toBe(0);
    agent.destroy();
  });

  it('a request still running after the grace period is cut, and counted', async () => {
    const { shutdown, server, url } = await serve();
    const cut = new Promise<string>((resolve) => http.get(`${url}/slow`, () => resolve('answered')).on('error', () => resolve('cut')));
    await new Promise((r) => setTimeout(r, 100));
    expect(await shutdown.stop(server, 200)).toBe(1);
    expect(await cut).toBe('cut');
  });
});

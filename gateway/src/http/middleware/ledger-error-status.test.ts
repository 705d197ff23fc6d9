import { canonicalJson } from '@welfare-ledger/chaincode/lib';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { errors } from './errors';

describe('a ledger rule that refuses input inside the gateway', () => {
  it('answers with its reason code and status (400 VALIDATION for a lone surrogate), not a 500', async () => {
    const app = new Koa();
    app.use(errors(pino({ level: 'silent' })));
    app.use(async () => {
      canonicalJson({ legalBasis: 'law \ud800' });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
      expect(res.status).toBe(400);
      expect(body.error).toEqual({
        code: 'VALIDATION',
        message: '$.legalBasis has a lone UTF-16 surrogate (not I-JSON)',
        details: { path: '$.legalBasis' },
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/**
 * Clients that are not friendly, against the real gateway: bodies built to crash a parser,
 * connections that never finish their request, key guessing, connection floods and methods no
 * route takes. Each is answered in the documented error shape or closed, and nothing is written.
 * Clients that must look like another machine connect from another loopback address (127.0.0.x),
 * so the limits they meet do not touch the other tests (which come from 127.0.0.1).
 */
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { apiKey, type SystemName, urlFor } from './support/api';
import { heightAround } from './support/chain';
import { GATEWAY_PORT, gatewayDir, HEADERS_TIMEOUT_MS, MAX_CONNECTIONS_PER_CLIENT, REPO_ROOT } from './support/test-network';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One HTTP request with node:http, so that any method and any client address can be used. */
/** `as` sends a system's own key to its own org's gateway; `key` sends any key to Civil Affairs'. */
function raw(method: string, route: string, options: { as?: SystemName; key?: string; body?: string; from?: string; headers?: Record<string, string> } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.as ? apiKey(options.as) : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    const port = Number(new URL(urlFor(options.as)).port);
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const req = http.request(
      { host: '127.0.0.1', port, method, path: route, headers, localAddress: options.from, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const json = (res.headers['content-type'] ?? '').includes('application/json');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json && text ? JSON.parse(text) : text });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The documented shape: `{ error: { code, message, details? } }`, as JSON. */
function expectErrorShape(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toContain('application/json');
  expect(answer.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('bodies built to crash the parser', () => {
  it.each([2_000, 200_000])('a JSON body nested %i deep, with an Idempotency-Key, is a 400 JSON_TOO_DEEP and writes nothing', async (depth) => {
    let answer: RawAnswer | undefined;
    const { before, after } = await heightAround(async () => {
      answer = await raw('POST', '/v1/disbursements', {
        as: 'finance-system',
        body: `{"lineId":${nested(depth)}}`,
        headers: { 'idempotency-key': `deep-${depth}-${Date.now()}` },
      });
    });
    expectErrorShape(answer!, 400, 'JSON_TOO_DEEP');
    expect(after).toBe(before);
  });

  it('a body nested within the limit is judged by its content as usual (400 VALIDATION naming fields)', async () => {
    const answer = await raw('POST', '/v1/disbursements', { as: 'finance-system', body: `{"lineId":${nested(10)}}` });
    expectErrorShape(answer, 400, 'VALIDATION');
  });
});

describe('connections that never finish their request', () => {
  /** Opens a connection that sends one byte of its headers every 250 ms; resolves with how long it stayed open and what it got. */
  function slowClient(from: string): Promise<{ ms: number; received: string }> {
    return new Promise((resolve) => {
      let received = '';
      const started = Date.now();
      const socket = net.connect({ host: '127.0.0.1', port: Number(GATEWAY_PORT), localAddress: from });
      const text = `GET /v1/programmes HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(1000)}`;
      let i = 0;
      const drip = setInterval(() => {
        if (!socket.destroyed) socket.write(text[i++ % text.length]);
      }, 250);
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ ms: Date.now() - started, received });
      });
    });
  }

  it('20 clients sending their headers a byte at a time are all disconnected within the configured headers timeout', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => slowClient('127.0.0.4')));
    for (const { ms, received } of clients) {
      expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + 2_000); // the server checks its timeouts every 500 ms
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      expect(received).toContain('"code":"REQUEST_TIMEOUT"');
    }
  });

  it('bytes that are not HTTP are answered 400 BAD_REQUEST in the error shape and the connection is closed', async () => {
    const received = await new Promise<string>((resolve) => {
      let text = '';
      const socket = net.connect({ host: '127.0.0.1', port: Number(GATEWAY_PORT) }, () => socket.write('HELLO\u0000\r\n\r\n'));
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
    });
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toContain('"code":"BAD_REQUEST"');
  });

  it('connections from one address beyond the configured cap are answered 429 TOO_MANY_CONNECTIONS', async () => {
    const from = '127.0.0.3';
    const held: net.Socket[] = [];
    try {
      for (let i = 0; i < MAX_CONNECTIONS_PER_CLIENT; i++) {
        held.push(await new Promise<net.Socket>((resolve) => {
          const s = net.connect({ host: '127.0.0.1', port: Number(GATEWAY_PORT), localAddress: from }, () => resolve(s));
        }));
      }
      await new Promise((r) => setTimeout(r, 200)); // the server has counted them all
      const over = await raw('GET', '/health', { from });
      expectErrorShape(over, 429, 'TOO_MANY_CONNECTIONS');
      expect(over.headers['retry-after']).toBe('1');
      // another address is not affected
      expect((await raw('GET', '/health', { from: '127.0.0.5' })).status).toBe(200);
    } finally {
      for (const s of held) s.destroy();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await raw('GET', '/health', { from })).status).toBe(200);
  });
});

describe('guessing API keys', () => {
  it('repeated wrong keys from one address meet 429 with Retry-After, for any key it then sends; other addresses are not affected', async () => {
    const from = '127.0.0.2';
    const statuses: number[] = [];
    let limited: RawAnswer | undefined;
    for (let i = 0; i < 200 && !limited; i++) {
      const answer = await raw('GET', '/v1/programmes', { key: `wl_guess-${i}`, from });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
      else expectErrorShape(answer, 401, 'UNAUTHORIZED');
    }
    expect(limited).toBeDefined();
    expectErrorShape(limited!, 429, 'RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(200);

    expect((await raw('GET', '/v1/programmes', { as: 'civil-affairs-system', from })).status).toBe(429);
    expect((await raw('GET', '/v1/programmes', { as: 'civil-affairs-system', from: '127.0.0.1' })).status).toBe(200);
  });
});

describe('every error in the documented shape', () => {
  it('a method the path does not take is 405 METHOD_NOT_ALLOWED naming the allowed ones', async () => {
    const answer = await raw('DELETE', '/v1/programmes', { as: 'finance-system' });
    expectErrorShape(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.allow).toContain('GET');
    expectErrorShape(await raw('PUT', '/health'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('a method the gateway does not implement (TRACE) is 501 NOT_IMPLEMENTED', async () => {
    expectErrorShape(await raw('TRACE', '/v1/programmes', { as: 'finance-system' }), 501, 'NOT_IMPLEMENTED');
  });

  it('no route, no key, wrong role, wrong media type, broken JSON: each has its status and code', async () => {
    expectErrorShape(await raw('GET', '/v1/nowhere'), 404, 'NOT_FOUND');
    expectErrorShape(await raw('GET', '/v1/programmes'), 401, 'UNAUTHORIZED');
    expectErrorShape(await raw('POST', '/v1/disbursements', { as: 'audit-system', body: '{}' }), 403, 'FORBIDDEN');
    expectErrorShape(await raw('POST', '/v1/disbursements', { as: 'finance-system', body: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectErrorShape(await raw('POST', '/v1/disbursements', { as: 'finance-system', body: '{"lineId":' }), 400, 'MALFORMED_JSON');
    expectErrorShape(await raw('POST', '/v1/disbursements', { as: 'finance-system', body: '{}', headers: { 'idempotency-key': 'no spaces allowed' } }), 400, 'VALIDATION');
  });

  it('answers carry security headers', async () => {
    const answer = await raw('GET', '/v1/programmes', { as: 'finance-system' });
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-security-policy': expect.stringContaining("default-src 'none'"),
    });
  });

  it('a POST of personal data with an Idempotency-Key is not replayed: each read runs and is logged again', async () => {
    const citizenId = '11010519491231002X';
    const key = `read-${Date.now()}`;
    const send = () =>
      fetch(`${urlFor('audit-system')}/v1/beneficiaries/history?purpose=AUDIT`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey('audit-system')}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ citizenId }),
      });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    const [a, b] = [(await first.json()) as any, (await second.json()) as any];
    expect(a.accessEvent.eventId).not.toBe(b.accessEvent.eventId);
  });
});

describe('configuration checked at start', () => {
  const start = (env: Record<string, string>) =>
    promisify(execFile)('node', [path.join(REPO_ROOT, 'gateway', 'dist', 'main.js')], {
      env: { ...process.env, WELFARE_GATEWAY_CONFIG: path.join(gatewayDir('civilaffairs'), 'gateway.json'), ...env },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );

  it('a setting that is not a number stops the gateway with a message naming it', async () => {
    const { code, stderr } = await start({ WELFARE_RATE_LIMIT_PER_SYSTEM: 'lots' });
    expect(code).toBe(1);
    expect(stderr).toContain('WELFARE_RATE_LIMIT_PER_SYSTEM="lots" is not a whole number');
  });

  it('listening beyond loopback without a TLS certificate stops the gateway with a message saying what to set', async () => {
    const { code, stderr } = await start({ WELFARE_GATEWAY_HOST: '0.0.0.0' });
    expect(code).toBe(1);
    expect(stderr).toContain('WELFARE_GATEWAY_TLS_CERT');
  });

  it('a TLS file that does not exist stops the gateway with a message naming it', async () => {
    const { code, stderr } = await start({ WELFARE_GATEWAY_TLS_CERT: '/nonexistent/cert.pem', WELFARE_GATEWAY_TLS_KEY: '/nonexistent/key.pem' });
    expect(code).toBe(1);
    expect(stderr).toContain('WELFARE_GATEWAY_TLS_CERT=/nonexistent/cert.pem');
  });
});

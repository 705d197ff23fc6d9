/**
 * The HTTP(S) server the Koa app runs in: TLS when configured (always beyond loopback), timeouts
 * that close connections whose client is too slow to send its request, and a cap on open
 * connections per client address.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { HttpSettings } from '../config-http';

type Handler = http.RequestListener;

/** How often Node checks the header and request timeouts (its default, 30 s, would let them run long). */
const TIMEOUT_CHECK_MS = 500;

export function createServer(handler: Handler, settings: HttpSettings): http.Server {
  const options: http.ServerOptions = {
    headersTimeout: settings.headersTimeoutMs,
    requestTimeout: Math.max(settings.requestTimeoutMs, settings.headersTimeoutMs),
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_MS,
  };
  const server = settings.tls
    ? https.createServer({ ...options, cert: readFileSync(settings.tls.certFile), key: readFileSync(settings.tls.keyFile) })
    : http.createServer(options);
  server.on('request', capConnectionsPerClient(server, handler, settings.maxConnectionsPerClient, !settings.tls));
  return server;
}

const OVER_CAP_BODY = JSON.stringify({
  error: { code: 'TOO_MANY_CONNECTIONS', message: 'too many open connections from this address; reuse or close some' },
});

/**
 * A connection beyond the cap gets one answer, 429, and is closed (plain HTTP); under TLS it is
 * closed at once, before the handshake costs anything.
 */
function capConnectionsPerClient(server: http.Server, handler: Handler, cap: number, plain: boolean): Handler {
  const open = new Map<string, number>();
  const overCap = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > cap) {
      if (plain) overCap.add(socket);
      else socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  return (req, res) => {
    if (!overCap.has(req.socket)) return handler(req, res);
    res.writeHead(429, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1', Connection: 'close' });
    res.end(OVER_CAP_BODY);
  };
}

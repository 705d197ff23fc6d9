/**
 * The HTTP(S) server the Koa app runs in: TLS when configured (always beyond loopback), timeouts
 * that close connections whose client is too slow to send its request, and a cap on open
 * connections per client address.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
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
  server.on('clientError', answerUnreadableRequest);
  return server;
}

/** What Node's own HTTP parser refuses (before Koa sees a request), in the API's error shape. */
const PARSER_ERRORS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'the request headers are too large'],
};

function answerUnreadableRequest(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = PARSER_ERRORS[err.code ?? ''] ?? [400, 'Bad Request', 'BAD_REQUEST', 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
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

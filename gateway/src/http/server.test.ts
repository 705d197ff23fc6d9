import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadHttpSettings } from '../config-http';
import { createServer } from './server';

/** A throwaway self-signed certificate for 127.0.0.1, made with openssl for this test only. */
function selfSignedCertificate(): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=gateway', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { certFile, keyFile };
}

describe('the HTTP server', () => {
  it('serves HTTPS with the configured certificate', async () => {
    const tls = selfSignedCertificate();
    const settings = loadHttpSettings({ WELFARE_GATEWAY_TLS_CERT: tls.certFile, WELFARE_GATEWAY_TLS_KEY: tls.keyFile }, '0.0.0.0');
    const server = createServer((_req, res) => res.end('ok'), settings).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const text = await new Promise<string>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port, path: '/', ca: readFileSync(tls.certFile) }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      expect(text).toBe('ok');
    } finally {
      server.close();
    }
  });

  it('takes its timeouts from the settings', () => {
    const settings = loadHttpSettings({ WELFARE_HTTP_HEADERS_TIMEOUT_MS: '2000', WELFARE_HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500' }, '127.0.0.1');
    const server = createServer(() => undefined, settings);
    expect(server.headersTimeout).toBe(2000);
    expect(server.keepAliveTimeout).toBe(1500);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadHttpSettings, loadWriteRetry } from './config-http';
import { integerSetting, isLoopback } from './config-values';

describe('settings checked at start', () => {
  it('defaults apply when nothing is set', () => {
    const settings = loadHttpSettings({}, '127.0.0.1');
    expect(settings.tls).toBeUndefined();
    expect(settings.rateLimit.perSystemPerSecond).toBeGreaterThanOrEqual(1000);
    expect(loadWriteRetry({}).retries).toBeGreaterThan(0);
  });

  it.each([
    ['not a number', 'abc', 'is not a whole number'],
    ['a fraction', '1.5', 'is not a whole number'],
    ['negative', '-3', 'is not a whole number'],
    ['out of range', '0', 'is outside 1..'],
  ])('a value that is %s is a clear error naming the variable', (_what, value, message) => {
    expect(() => integerSetting({ WELFARE_X: value }, 'WELFARE_X', 5, { min: 1, max: 10 })).toThrow(`WELFARE_X`);
    expect(() => integerSetting({ WELFARE_X: value }, 'WELFARE_X', 5, { min: 1, max: 10 })).toThrow(message);
  });

  it('listening beyond loopback needs a certificate and key', () => {
    expect(() => loadHttpSettings({}, '0.0.0.0')).toThrow('WELFARE_GATEWAY_TLS_CERT and WELFARE_GATEWAY_TLS_KEY');
    const dir = mkdtempSync(path.join(tmpdir(), 'tls-'));
    const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
    writeFileSync(cert, 'x');
    writeFileSync(key, 'x');
    expect(loadHttpSettings({ WELFARE_GATEWAY_TLS_CERT: cert, WELFARE_GATEWAY_TLS_KEY: key }, '0.0.0.0').tls).toEqual({ certFile: cert, keyFile: key });
    expect(() => loadHttpSettings({ WELFARE_GATEWAY_TLS_CERT: cert }, '127.0.0.1')).toThrow('both');
    expect(() => loadHttpSettings({ WELFARE_GATEWAY_TLS_CERT: path.join(dir, 'nope.pem'), WELFARE_GATEWAY_TLS_KEY: key }, '127.0.0.1')).toThrow(
      'cannot be read',
    );
  });

  it('only loopback addresses count as loopback', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '10.0.0.5', '::', 'gateway.finance.local'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});

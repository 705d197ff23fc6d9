/**
 * The settings of the gateway's door to other machines (TLS, timeouts, limits) and of its
 * retries of writes that lost a race, read from the environment by loadConfig and checked there.
 * Defaults are far above what one busy finance system sends (the bench: about 1,200
 * requests a second from one system over a thousand connections from one address), and every one can be changed.
 */
import { ConfigError, integerSetting, isLoopback, readableFileSetting } from './config-values';

export interface HttpSettings {
  /** PEM certificate (chain) and key from this org's CA; required when listening beyond loopback. */
  tls?: { certFile: string; keyFile: string };
  /** A client must send its complete request headers within this time. */
  headersTimeoutMs: number;
  /** ...and its complete request, body included, within this time. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
  /** Open connections from one client address; more are answered 429 and closed. */
  maxConnectionsPerClient: number;
  /** Nesting depth of a JSON body (objects and arrays); deeper is a 400. */
  jsonMaxDepth: number;
  rateLimit: {
    /** Requests a second one registered system may sustain, and the burst it may send at once. */
    perSystemPerSecond: number;
    perSystemBurst: number;
    /** Failed authentications a minute from one client address before it is answered 429. */
    failedAuthPerMinute: number;
  };
}

export interface WriteRetrySettings {
  /** How many times a write that lost an MVCC race is endorsed and submitted again. */
  retries: number;
  /** The wait before retry n is random in [0, min(maxDelayMs, baseDelayMs * 2^n)]. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const MINUTE = 60_000;

export function loadHttpSettings(env: NodeJS.ProcessEnv, host: string): HttpSettings {
  const ms = (name: string, fallback: number) => integerSetting(env, name, fallback, { min: 100, max: 10 * MINUTE });
  const count = (name: string, fallback: number, max: number) => integerSetting(env, name, fallback, { min: 1, max });
  return {
    tls: tlsFiles(env, host),
    headersTimeoutMs: ms('WELFARE_HTTP_HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: ms('WELFARE_HTTP_REQUEST_TIMEOUT_MS', 60_000),
    keepAliveTimeoutMs: ms('WELFARE_HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxConnectionsPerClient: count('WELFARE_HTTP_MAX_CONNECTIONS_PER_CLIENT', 2048, 1_000_000),
    jsonMaxDepth: count('WELFARE_JSON_MAX_DEPTH', 32, 1000),
    rateLimit: {
      perSystemPerSecond: count('WELFARE_RATE_LIMIT_PER_SYSTEM', 5000, 1_000_000),
      perSystemBurst: count('WELFARE_RATE_LIMIT_BURST', 10_000, 1_000_000),
      failedAuthPerMinute: count('WELFARE_FAILED_AUTH_PER_MINUTE', 60, 1_000_000),
    },
  };
}

export function loadWriteRetry(env: NodeJS.ProcessEnv): WriteRetrySettings {
  return {
    retries: integerSetting(env, 'WELFARE_WRITE_RETRIES', 8, { min: 0, max: 100 }),
    baseDelayMs: integerSetting(env, 'WELFARE_WRITE_RETRY_BASE_MS', 50, { min: 1, max: MINUTE }),
    maxDelayMs: integerSetting(env, 'WELFARE_WRITE_RETRY_MAX_MS', 2000, { min: 1, max: MINUTE }),
  };
}

/** TLS is optional on loopback and required beyond it: a gateway never faces a network in plain HTTP. */
function tlsFiles(env: NodeJS.ProcessEnv, host: string): HttpSettings['tls'] {
  const certFile = readableFileSetting(env, 'WELFARE_GATEWAY_TLS_CERT');
  const keyFile = readableFileSetting(env, 'WELFARE_GATEWAY_TLS_KEY');
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new ConfigError('set both WELFARE_GATEWAY_TLS_CERT and WELFARE_GATEWAY_TLS_KEY, or neither');
  }
  if (certFile && keyFile) return { certFile, keyFile };
  if (!isLoopback(host)) {
    throw new ConfigError(
      `WELFARE_GATEWAY_HOST=${host} is reachable beyond this machine, so the gateway serves HTTPS only: ` +
        "set WELFARE_GATEWAY_TLS_CERT and WELFARE_GATEWAY_TLS_KEY to PEM files of a certificate from this org's CA",
    );
  }
  return undefined;
}

/** Where the end-to-end network lives: its own run directory and port range. */
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RUN_DIR = process.env.WELFARE_TEST_RUN_DIR ?? path.join(REPO_ROOT, '.network-test');
export const PORT_BASE = process.env.WELFARE_TEST_PORT_BASE ?? '17000';
/** The first org gateway's port: CivilAffairs on it, Finance on +1, Audit on +2. */
export const GATEWAY_PORT = process.env.WELFARE_TEST_GATEWAY_PORT ?? '18080';

export type OrgKey = 'civilaffairs' | 'finance' | 'audit';
export const ORG_KEYS: OrgKey[] = ['civilaffairs', 'finance', 'audit'];
export const ORG_MSP: Record<OrgKey, string> = { civilaffairs: 'CivilAffairsMSP', finance: 'FinanceMSP', audit: 'AuditMSP' };

export function gatewayUrl(org: OrgKey): string {
  return `http://127.0.0.1:${Number(GATEWAY_PORT) + ORG_KEYS.indexOf(org)}`;
}

/** Where an org's gateway keeps its configuration, key store, index and logs. */
export function gatewayDir(org: OrgKey): string {
  return path.join(RUN_DIR, 'orgs', org, 'gateway');
}

/** Civil Affairs' gateway: for requests that need no particular org (health, documents). */
export const GATEWAY_URL = gatewayUrl('civilaffairs');

/** Limits of the test gateway, small enough for the hostile-client tests to reach quickly. */
export const HEADERS_TIMEOUT_MS = Number(process.env.WELFARE_HTTP_HEADERS_TIMEOUT_MS ?? 3000);
export const MAX_CONNECTIONS_PER_CLIENT = Number(process.env.WELFARE_HTTP_MAX_CONNECTIONS_PER_CLIENT ?? 200);

export const networkEnv = {
  ...process.env,
  WELFARE_RUN_DIR: RUN_DIR,
  WELFARE_PORT_BASE: PORT_BASE,
  WELFARE_GATEWAY_PORT: GATEWAY_PORT,
  WELFARE_HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
  WELFARE_HTTP_MAX_CONNECTIONS_PER_CLIENT: String(MAX_CONNECTIONS_PER_CLIENT),
};

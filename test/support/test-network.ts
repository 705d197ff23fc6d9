/** Where the end-to-end network lives: its own run directory and port range. */
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RUN_DIR = process.env.WELFARE_TEST_RUN_DIR ?? path.join(REPO_ROOT, '.network-test');
export const PORT_BASE = process.env.WELFARE_TEST_PORT_BASE ?? '17000';
export const GATEWAY_PORT = process.env.WELFARE_TEST_GATEWAY_PORT ?? '18080';
export const GATEWAY_URL = `http://127.0.0.1:${GATEWAY_PORT}`;

export const networkEnv = {
  ...process.env,
  WELFARE_RUN_DIR: RUN_DIR,
  WELFARE_PORT_BASE: PORT_BASE,
  WELFARE_GATEWAY_PORT: GATEWAY_PORT,
};

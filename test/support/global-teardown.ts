/** Removes the test network unless WELFARE_KEEP_TEST_NETWORK=1 asks to keep it for the next run. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { networkEnv, REPO_ROOT } from './test-network';

export default async function globalTeardown(): Promise<void> {
  const script = process.env.WELFARE_KEEP_TEST_NETWORK === '1' ? 'gateway-stop.sh' : 'network-down.sh';
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts', script)], { env: networkEnv, stdio: 'inherit' });
}

/**
 * Brings up (or reuses) the test network, deploys the chaincode as built now, and starts the
 * gateway. Progress goes to the terminal: the first run builds Fabric and takes minutes.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { networkEnv, REPO_ROOT } from './test-network';

function run(script: string): void {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts', script)], { env: networkEnv, stdio: 'inherit' });
}

export default async function globalSetup(): Promise<void> {
  run('network-up.sh');
  run('deploy-chaincode.sh');
  run('gateway-stop.sh'); // a gateway left from an earlier run may run older code
  run('gateway-start.sh');
}

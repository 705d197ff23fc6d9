/** Runs one of the project's scripts against the test network. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { networkEnv, REPO_ROOT } from './test-network';

export function runScript(name: string): string {
  return execFileSync('bash', [path.join(REPO_ROOT, 'scripts', name)], { env: networkEnv, encoding: 'utf8' });
}

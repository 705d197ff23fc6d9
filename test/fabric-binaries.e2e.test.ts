/**
 * Which Fabric runs the network: the module build, or official binaries named by
 * WELFARE_FABRIC_BIN. The rest of the end-to-end suite runs through WELFARE_FABRIC_BIN pointed at
 * the module build (scripts/test.sh); these tests cover what install-fabric.sh accepts and refuses.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './support/test-network';

const TOOLS = ['peer', 'orderer', 'configtxgen', 'cryptogen', 'osnadmin'];

function installFabric(env: Record<string, string | undefined>) {
  const result = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-fabric.sh')], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function moduleBuildBin(): string {
  const env = { ...process.env, WELFARE_FABRIC_BIN: '' };
  const out = spawnSync('bash', ['-c', `source "${REPO_ROOT}/scripts/fabric-env.sh" && echo "$FABRIC_BIN"`], { env, encoding: 'utf8' });
  return out.stdout.trim();
}

/** A directory laid out like an official release archive whose commands report `version`. */
function fakeRelease(version: string, tools = TOOLS): string {
  const home = mkdtempSync(path.join(tmpdir(), 'fabric-release-'));
  mkdirSync(path.join(home, 'bin'));
  mkdirSync(path.join(home, 'config'));
  for (const tool of tools) {
    const file = path.join(home, 'bin', tool);
    writeFileSync(file, `#!/bin/sh\necho "${tool}:"\necho " Version: ${version}"\necho " Commit SHA: 0000000"\n`);
    chmodSync(file, 0o755);
  }
  writeFileSync(path.join(home, 'config', 'core.yaml'), 'peer: {}\n');
  writeFileSync(path.join(home, 'config', 'orderer.yaml'), 'General: {}\n');
  return home;
}

describe('the Fabric the network runs', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('the module build reports Fabric 2.5.0 and its commit', () => {
    const out = spawnSync(path.join(moduleBuildBin(), 'peer'), ['version'], { encoding: 'utf8' }).stdout;
    expect(out).toMatch(/Version: 2\.5\.0\b/);
    expect(out).toMatch(/Commit SHA: bd8e24856939/);
  });

  it('WELFARE_FABRIC_BIN pointed at the module build is taken as official binaries', () => {
    const { status, output } = installFabric({ WELFARE_FABRIC_BIN: moduleBuildBin() });
    expect(status).toBe(0);
    expect(output).toContain(`fabric 2.5.0: official binaries from ${moduleBuildBin()}`);
  });

  it('a release older than 2.5 is refused with the version it reports', () => {
    const home = fakeRelease('2.4.9');
    made.push(home);
    const { status, output } = installFabric({ WELFARE_FABRIC_BIN: path.join(home, 'bin') });
    expect(status).not.toBe(0);
    expect(output).toContain('is Fabric 2.4.9; welfare-ledger needs Fabric 2.5 or later');
  });

  it('a 3.1 release passes the version check', () => {
    const home = fakeRelease('v3.1.5');
    made.push(home);
    const { status, output } = installFabric({ WELFARE_FABRIC_BIN: path.join(home, 'bin') });
    expect(status).toBe(0);
    expect(output).toContain('fabric 3.1.5: official binaries');
  });

  it('a directory missing commands or configs is refused with what is missing', () => {
    const home = fakeRelease('2.5.14', ['peer', 'orderer', 'configtxgen']);
    made.push(home);
    rmSync(path.join(home, 'config', 'orderer.yaml'));
    const { status, output } = installFabric({ WELFARE_FABRIC_BIN: path.join(home, 'bin') });
    expect(status).not.toBe(0);
    expect(output).toContain(path.join(home, 'bin', 'cryptogen'));
    expect(output).toContain(path.join(home, 'bin', 'osnadmin'));
    expect(output).toContain(path.join(home, 'config', 'orderer.yaml'));
  });

  it('a directory of something that is not Fabric is refused', () => {
    const home = fakeRelease('');
    made.push(home);
    const { status, output } = installFabric({ WELFARE_FABRIC_BIN: path.join(home, 'bin') });
    expect(status).not.toBe(0);
    expect(output).toContain('does not report a Fabric version');
  });
});

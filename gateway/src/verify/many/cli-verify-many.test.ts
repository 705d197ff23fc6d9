import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli as run } from '../../testing/run-cli';
import { accessEventBundle, disbursementBundle, fixture, mvccInvalidBundle } from '../testing/fixtures';

describe('welfare-ledger verify over many bundles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'welfare-cli-many-'));
  const trustFile = path.join(dir, 'trust.json');
  writeFileSync(trustFile, JSON.stringify(fixture('trust.json')));
  const bundles = path.join(dir, 'bundles');
  mkdirSync(bundles);
  writeFileSync(path.join(bundles, 'a.json'), JSON.stringify(disbursementBundle()));
  writeFileSync(path.join(bundles, 'b.json'), JSON.stringify(accessEventBundle()));

  test('a directory of good bundles: exit 0 and a summary naming the count', async () => {
    const { code, out } = await run('verify', bundles, '--trust', trustFile, '--workers', '0');
    expect(code).toBe(0);
    expect(out).toMatch(/^2 of 2 bundles VERIFIED, 0 failed, 0 consistent but not verified/m);
  });

  test('an NDJSON stream with a failing bundle: exit 1, the failing line and check named; --json gives one line per bundle', async () => {
    const ndjson = path.join(dir, 'mixed.ndjson');
    writeFileSync(ndjson, [disbursementBundle(), mvccInvalidBundle()].map((b) => JSON.stringify(b)).join('\n') + '\n');
    const { code, out } = await run('verify', ndjson, '--trust', trustFile, '--workers', '0');
    expect(code).toBe(1);
    expect(out).toContain(`NOT VERIFIED: ${ndjson}:2\n  FAILED  validation-code`);
    const json = await run('verify', ndjson, '--trust', trustFile, '--workers', '0', '--json');
    expect(json.out.split('\n').map((line) => JSON.parse(line).ok)).toEqual([true, false]);
  });

  test('without a trust file: exit 3; a bad --workers value, or --workers for one bundle file: exit 2', async () => {
    expect((await run('verify', bundles, '--trust', path.join(dir, 'none.json'))).code).toBe(2);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await run('verify', bundles, '--workers', '0')).code).toBe(3);
    } finally {
      process.chdir(cwd);
    }
    expect((await run('verify', bundles, '--trust', trustFile, '--workers', 'many')).code).toBe(2);
    expect((await run('verify', path.join(bundles, 'a.json'), '--trust', trustFile, '--workers', '2')).code).toBe(2);
  });
});

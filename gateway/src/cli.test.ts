import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from './cli';
import { protoBlock } from './proofs/testing/fake-chain';
import { accessEventBundle } from './verify/testing/fixtures';
import { chainTipOf } from './verify/verify-bundle';
import { disbursementBundle, flipHex, mvccInvalidBundle } from './verify/testing/fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'welfare-cli-'));
const file = (name: string, value: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('welfare-ledger verify', () => {
  test('a good bundle: exit 0, one line per check and VERIFIED', async () => {
    const { code, out } = await run('verify', file('good.json', disbursementBundle()));
    expect(code).toBe(0);
    expect(out).toMatch(/^ok +data-hash/m);
    expect(out).toMatch(/^VERIFIED: transaction [0-9a-f]{64} \(block \d+\); chain tip \d+ [0-9a-f]{64}$/m);
  });

  test('an MVCC-invalid transaction: exit 1 and one FAILED line per validation check', async () => {
    const { code, out } = await run('verify', file('mvcc.json', mvccInvalidBundle()));
    expect(code).toBe(1);
    expect(out.split('\n').filter((l) => l.startsWith('FAILED'))).toEqual([
      expect.stringMatching(/^FAILED +validation-code +.*MVCC_READ_CONFLICT/),
      expect.stringMatching(/^FAILED +validation-attestations +.*MVCC_READ_CONFLICT/),
    ]);
    expect(out).toMatch(/^NOT VERIFIED: .*2 checks failed \(validation-code, validation-attestations\)$/m);
  });

  test('--trusted-tip that the chain does not pass through: exit 1 on trusted-tip', async () => {
    const bundle = disbursementBundle();
    const tip = chainTipOf(bundle);
    const { code, out } = await run('verify', file('tip.json', bundle), '--trusted-tip', `${tip.number}:${flipHex(tip.hash)}`);
    expect(code).toBe(1);
    expect(out).toMatch(/^FAILED +trusted-tip/m);
    expect((await run('verify', file('tip.json', bundle), '--trusted-tip', `${tip.number}:${tip.hash}`)).code).toBe(0);
  });

  test('--config-block pins the MSP roots to a config block file the auditor holds', async () => {
    const bundle = disbursementBundle();
    const { header, data } = bundle.channelConfig.block;
    const held = path.join(dir, 'welfare.block');
    writeFileSync(held, protoBlock(header, data).serializeBinary());
    expect((await run('verify', file('b.json', bundle), '--config-block', held)).out).toMatch(/^ok +channel-config .*the config block you trust$/m);
    writeFileSync(held, protoBlock({ ...header, previousHash: flipHex(header.previousHash || '00') }, data).serializeBinary());
    const other = await run('verify', file('b.json', accessEventBundle()), '--config-block', held);
    expect(other.code).toBe(1);
    expect(other.out).toMatch(/^FAILED +channel-config .*not to the config block you trust/m);
  });

  test('--json prints the verification as JSON', async () => {
    const { code, out } = await run('verify', file('good.json', disbursementBundle()), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, checks: expect.arrayContaining([{ check: 'header-chain', ok: true, detail: expect.any(String) }]) });
  });

  test.each([
    [['verify'], /one bundle file/],
    [['verify', '/nonexistent/bundle.json'], /cannot read the bundle/],
    [['verify', 'BAD'], /cannot read/],
    [['frobnicate'], /unknown command/],
    [[], /a command is required/],
    [['verify', 'x.json', '--trusted-tip', '12'], /trusted tip is <block number>:<64 hex digits>/],
    [['verify', 'x.json', '--nonsense'], /Unknown option/],
  ])('usage problems exit 2: %j', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  test('a file that is not JSON exits 2', async () => {
    const { code, err } = await run('verify', file('text.json', 'not json'));
    expect(code).toBe(2);
    expect(err).toMatch(/is not JSON/);
  });
});

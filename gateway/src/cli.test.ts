import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli as run } from './testing/run-cli';
import { readFileSync } from 'node:fs';
import type { TrustAnchor } from './verify/bundle';
import { ForgedNetwork } from './verify/testing/forged-network';
import { disbursementBundle, fixture, flipHex, mvccInvalidBundle } from './verify/testing/fixtures';
import { verifyBundle } from './verify/verify-bundle';

const dir = mkdtempSync(path.join(tmpdir(), 'welfare-cli-'));
const file = (name: string, value: unknown) => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

const trust = () => file('trust.json', fixture<TrustAnchor>('trust.json'));

describe('welfare-ledger verify', () => {
  test('a good bundle with the trust file: exit 0, one line per check and VERIFIED with the block hash to keep', async () => {
    const { code, out } = await run('verify', file('good.json', disbursementBundle()), '--trust', trust());
    expect(code).toBe(0);
    expect(out).toMatch(/^ok +trust-anchor +the genesis block of channel welfare is the one you trust/m);
    expect(out).toMatch(/^ok +orderer-signatures +block \d+ signed by 1 orderer node of OrdererMSP/m);
    expect(out).toMatch(/^VERIFIED: transaction [0-9a-f]{64} \(block \d+\); block \d+ hash [0-9a-f]{64} \(keep it as --trusted-tip \d+:[0-9a-f]{64}\)$/m);
  });

  test('without a trust file: exit 3, at most "consistent, not verified"', async () => {
    const { code, out } = await run('verify', file('good.json', disbursementBundle()));
    expect(code).toBe(3);
    expect(out).not.toMatch(/^VERIFIED/m);
    expect(out).toMatch(/^CONSISTENT, NOT VERIFIED: .*no trust anchor/m);
  });

  test('an MVCC-invalid transaction: exit 1 and one FAILED line per validation check', async () => {
    const { code, out } = await run('verify', file('mvcc.json', mvccInvalidBundle()), '--trust', trust());
    expect(code).toBe(1);
    expect(out.split('\n').filter((l) => l.startsWith('FAILED'))).toEqual([
      expect.stringMatching(/^FAILED +validation-code +.*MVCC_READ_CONFLICT/),
      expect.stringMatching(/^FAILED +validation-attestations +.*MVCC_READ_CONFLICT/),
    ]);
    expect(out).toMatch(/^NOT VERIFIED: .*2 checks failed \(validation-code, validation-attestations\)$/m);
  });

  test('--trusted-tip from a VERIFIED line passes; one the chain does not pass through: exit 1 on trusted-tip', async () => {
    const bundle = disbursementBundle();
    const { subject } = verifyBundle(bundle);
    const kept = `${subject!.blockNumber}:${subject!.blockHash}`;
    expect((await run('verify', file('tip.json', bundle), '--trust', trust(), '--trusted-tip', kept)).code).toBe(0);
    const { code, out } = await run('verify', file('tip.json', bundle), '--trust', trust(), '--trusted-tip', `${subject!.blockNumber}:${flipHex(subject!.blockHash)}`);
    expect(code).toBe(1);
    expect(out).toMatch(/^FAILED +trusted-tip .*the chains differ/m);
  });

  test('--json prints the verification as JSON', async () => {
    const { code, out } = await run('verify', file('good.json', disbursementBundle()), '--trust', trust(), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, anchored: true, checks: expect.arrayContaining([{ check: 'header-chain', ok: true, detail: expect.any(String) }]) });
  });

  test.each([
    [['verify'], /one bundle file/],
    [['verify', '/nonexistent/bundle.json'], /cannot read the bundle/],
    [['verify', 'BAD'], /cannot read/],
    [['frobnicate'], /unknown command/],
    [[], /a command is required/],
    [['verify', 'x.json', '--trusted-tip', '12'], /trusted tip is <block number>:<64 hex digits>/],
    [['verify', 'x.json', '--nonsense'], /Unknown option/],
    [['trust'], /trust takes: init/],
    [['trust', 'init'], /needs a genesis block file, or --genesis-hash and --channel/],
    [['trust', 'init', '--genesis-hash', 'abc', '--channel', 'welfare'], /64 hex digits/],
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

  test('a trust file that is not one exits 2', async () => {
    const { code, err } = await run('verify', file('good.json', disbursementBundle()), '--trust', file('bad-trust.json', { channel: 'welfare' }));
    expect(code).toBe(2);
    expect(err).toMatch(/not a welfare-ledger\/trust version 1 document/);
  });
});

describe('welfare-ledger trust init', () => {
  test('from a genesis block file: the trust file names the channel and the hash; a bundle of that channel then verifies', async () => {
    const net = new ForgedNetwork();
    const genesis = file('genesis.block', '');
    writeFileSync(genesis, net.blocks[0].serializeBinary());
    const out = path.join(dir, 'forged-trust.json');
    const made = await run('trust', 'init', genesis, '--out', out);
    expect(made.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(net.trust);
    const { number } = net.appendBlock([net.transaction({ writes: [{ key: 'k', value: 'v' }] }).envelope]);
    const bundle = net.bundle(number, [{ namespace: 'welfare', key: 'k', value: 'v' }]);
    expect((await run('verify', file('forged.json', bundle), '--trust', out)).code).toBe(0);
    expect((await run('verify', file('forged.json', bundle), '--trust', trust())).code).toBe(1);
  });

  test('from a published hash and channel name', async () => {
    const out = path.join(dir, 'hash-trust.json');
    const { genesisHash } = fixture<TrustAnchor>('trust.json');
    expect((await run('trust', 'init', '--genesis-hash', genesisHash.toUpperCase(), '--channel', 'welfare', '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(fixture('trust.json'));
  });

  test('a block that is not a genesis block is refused', async () => {
    const net = new ForgedNetwork();
    const { block } = net.appendBlock([net.transaction().envelope]);
    const notGenesis = file('block1.block', '');
    writeFileSync(notGenesis, block.serializeBinary());
    const { code, err } = await run('trust', 'init', notGenesis, '--out', path.join(dir, 'never.json'));
    expect(code).toBe(2);
    expect(err).toMatch(/block 1 is not a genesis block/);
  });
});

describe('--help', () => {
  test.each([
    [['--help'], /^usage:/m],
    [['help'], /^usage:/m],
    [['verify', '--help'], /^welfare-ledger verify <bundle.json>/],
    [['audit', '--help'], /^welfare-ledger audit /],
    [['trust', '--help'], /^welfare-ledger trust init <genesis.block>/],
    [['trust', 'init', '-h'], /^welfare-ledger trust init/],
  ])('%j answers with exit 0 and the usage', async (argv, usage) => {
    const { code, out } = await run(...argv);
    expect(code).toBe(0);
    expect(out).toMatch(usage);
  });

  test("the README's usage lines are the CLI's own", async () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const { out } = await run('--help');
    const usageLines = out.split('\n').filter((l) => l.trim().startsWith('welfare-ledger ') && !l.includes('<command>')).map((l) => l.trim());
    expect(usageLines.length).toBeGreaterThanOrEqual(4);
    for (const line of usageLines) expect(readme).toContain(line);
  });
});

/**
 * The `welfare-ledger` command: an auditor's tools. See USAGE (and `--help` on each command).
 *
 * Exit codes: 0 verified / nothing found; 1 a check failed / a finding; 2 bad usage, an
 * unreadable file, or the network unreachable; 3 consistent but not verified (no trust anchor).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTrustedTip, type TrustAnchor } from './verify/bundle';
import type { PeerCheckpoint } from './verify/checkpoint';
import { formatVerification, verifyBundle, type VerifyOptions } from './verify/verify-bundle';
import { bundleTexts, isManyBundles } from './verify/many/bundle-stream';
import { verifyMany } from './verify/many/verify-many';
import { trustFromGenesisBlock, trustFromHash, trustProblem } from './verify/trust';
import { formatRuleVerification, verifyRuleProof } from './verify/rules/verify-rule-proof';

const DEFAULT_TRUST_FILE = 'welfare-trust.json';

const HELP: Record<string, string> = {
  trust: `welfare-ledger trust init <genesis.block> [--out ${DEFAULT_TRUST_FILE}]
welfare-ledger trust init --genesis-hash <64 hex> --channel <name> [--out ${DEFAULT_TRUST_FILE}]
    Writes the trust file: the channel and its genesis block's hash, from the genesis block the
    consortium shared (e.g. .network/shared/welfare.block) or its published hash. Everything
    \`verify\` proves, it proves from this file.`,
  verify: `welfare-ledger verify <bundle.json> [--trust ${DEFAULT_TRUST_FILE}] [--trusted-tip N:hash] [--checkpoint checkpoint.json] [--json]
welfare-ledger verify --rules <rule-proof.json> [--trust ${DEFAULT_TRUST_FILE}] [--json]
    Checks a proof bundle offline, one line per named check. Exit 0 only when every check passes
    and the bundle is proven from the trust file (default ./${DEFAULT_TRUST_FILE}); 1 when a check
    fails; 3 when no trust file is given or found (at most "consistent, not verified").
    --trusted-tip: a block number and header hash you kept (e.g. from an earlier VERIFIED line).
    --checkpoint: a checkpoint signed by an org's peer (GET /v1/proofs/checkpoint), fetched before the bundle.
    --rules: the file is a rule proof (GET /v1/proofs/rules/tx/{txId}): every fact the decision read is
    proven by the transaction that wrote it, and the rules of the definition in effect, re-run on
    them, must give exactly what was written; each decision is printed in words.
welfare-ledger verify <directory | bundles.ndjson | -> [--trust ${DEFAULT_TRUST_FILE}] [--workers N] [--json]
    Verify many: every *.json bundle of a directory, or one bundle per line of an NDJSON file or of
    standard input (-), on N worker threads (default: one per core), with a progress line on stderr.
    Prints each bundle not verified (--json: one JSON line per bundle) and a summary; the exit code
    is 1 if any bundle failed a check, else 3 if any was only consistent, else 0.`,
  audit: `welfare-ledger audit [--trust ${DEFAULT_TRUST_FILE}] [--json] [--as MSP]
    Reads every block from a peer of each org (network description in $WELFARE_RUN_DIR/network.json),
    checks orderer signatures, the config chain, every VALID transaction, and compares the orgs'
    chains; with a trust file (default ./${DEFAULT_TRUST_FILE} when present) block 0 must be its
    genesis block. Exit 0 only when nothing is found.`,
};

const USAGE = `usage:\n${Object.values(HELP).map((h) => h.split('\n').filter((l) => l.startsWith('welfare-ledger')).map((l) => `  ${l}`).join('\n')).join('\n')}\n  welfare-ledger <command> --help`;

class UsageError extends Error {}

/** Prints a command's help when asked; true when it did. */
function helpAsked(command: string, args: string[]): boolean {
  if (!args.includes('--help') && !args.includes('-h')) return false;
  console.log(HELP[command]);
  return true;
}

function trustCommand(args: string[]): number {
  if (helpAsked('trust', args)) return 0;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'genesis-hash': { type: 'string' }, channel: { type: 'string' }, out: { type: 'string' } },
  });
  const [sub, genesisFile, ...extra] = positionals;
  if (sub !== 'init' || extra.length > 0) throw new UsageError('trust takes: init <genesis.block> | init --genesis-hash <hex> --channel <name>');
  let trust: TrustAnchor;
  if (genesisFile) {
    trust = trustFromGenesisBlock(readBytes(genesisFile, 'genesis block'));
  } else if (values['genesis-hash'] && values.channel) {
    trust = trustFromHash(values.channel, values['genesis-hash']);
  } else {
    throw new UsageError('trust init needs a genesis block file, or --genesis-hash and --channel');
  }
  const out = values.out ?? DEFAULT_TRUST_FILE;
  writeFileSync(out, JSON.stringify(trust, null, 2) + '\n');
  console.log(`trust anchor written to ${out}: channel ${trust.channel}, genesis block ${trust.genesisHash}`);
  return 0;
}

function readTrust(file: string | undefined): TrustAnchor | undefined {
  const path = file ?? (existsSync(DEFAULT_TRUST_FILE) ? DEFAULT_TRUST_FILE : undefined);
  if (!path) return undefined;
  const trust = readJson(path, 'trust file');
  const problem = trustProblem(trust);
  if (problem) throw new UsageError(`${path}: ${problem}`);
  return trust as TrustAnchor;
}

async function verifyCommand(args: string[]): Promise<number> {
  if (helpAsked('verify', args)) return 0;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      trust: { type: 'string' }, 'trusted-tip': { type: 'string' }, checkpoint: { type: 'string' }, json: { type: 'boolean' }, workers: { type: 'string' },
      rules: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('verify takes one bundle file, a directory of them, or an NDJSON stream');
  const trust = readTrust(values.trust);
  if (values.rules) {
    const trustedTip = values['trusted-tip'] ? parseTrustedTip(values['trusted-tip']) : undefined;
    const checkpoint = values.checkpoint ? (readJson(values.checkpoint, 'checkpoint') as PeerCheckpoint) : undefined;
    const rules = verifyRuleProof(readJson(positionals[0], 'rule proof'), { trust, trustedTip, checkpoint });
    console.log(values.json ? JSON.stringify(rules, null, 2) : formatRuleVerification(rules).join('\n'));
    return rules.ok ? 0 : rules.consistent ? 3 : 1;
  }
  const trustedTip = values['trusted-tip'] ? parseTrustedTip(values['trusted-tip']) : undefined;
  const checkpoint = values.checkpoint ? (readJson(values.checkpoint, 'checkpoint') as PeerCheckpoint) : undefined;
  if (isManyBundles(positionals[0])) return verifyManyCommand(positionals[0], { trust, trustedTip, checkpoint }, values);
  if (values.workers !== undefined) throw new UsageError('--workers is for a directory or an NDJSON stream of bundles');
  const result = verifyBundle(readJson(positionals[0], 'bundle'), { trust, trustedTip, checkpoint });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatVerification(result).join('\n'));
  return result.ok ? 0 : result.consistent ? 3 : 1;
}

async function verifyManyCommand(input: string, options: VerifyOptions, flags: { json?: boolean; workers?: string }): Promise<number> {
  const workers = flags.workers === undefined ? undefined : Number(flags.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) throw new UsageError('--workers takes a whole number from 0 to 64');
  const progress = manyProgress(process.stderr);
  const summary = await verifyMany(bundleTexts(input), options, {
    workers,
    onOutcome(outcome) {
      progress.update(outcome.ok);
      if (flags.json) console.log(JSON.stringify(outcome));
      else if (!outcome.ok) console.log(`${outcome.consistent ? 'CONSISTENT, NOT VERIFIED' : 'NOT VERIFIED'}: ${outcome.source}${outcome.failed.map((c) => `\n  FAILED  ${c.check}  ${c.detail}`).join('')}`);
    },
  });
  progress.done();
  const rate = summary.bundles / Math.max(summary.seconds, 1e-9);
  const line = `${summary.verified} of ${summary.bundles} bundles VERIFIED, ${summary.failed} failed, ${summary.consistentOnly} consistent but not verified (no trust anchor); ${summary.seconds.toFixed(1)} s, ${rate.toFixed(0)} bundles/s`;
  if (flags.json) console.error(line);
  else console.log(line);
  return summary.failed > 0 ? 1 : summary.consistentOnly > 0 || summary.bundles === 0 ? 3 : 0;
}

/** Verify many's progress on stderr: one line rewritten on a terminal, a line every 1,000 bundles otherwise. */
function manyProgress(stream: NodeJS.WriteStream) {
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let last = 0;
  const line = () => `verify: ${done} bundles, ${failed} not verified, ${(done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(0)}/s`;
  return {
    update(ok: boolean) {
      done++;
      if (!ok) failed++;
      if (stream.isTTY) {
        if (Date.now() - last < 100) return;
        last = Date.now();
        stream.write(`\r${line()}`);
      } else if (done % 1000 === 0) {
        stream.write(`${line()}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write(`\r${line()}\n`);
    },
  };
}

async function auditCommand(args: string[]): Promise<number> {
  if (helpAsked('audit', args)) return 0;
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, as: { type: 'string' }, trust: { type: 'string' } } });
  const trust = readTrust(values.trust);
  // Loaded only here: `verify` needs nothing of the gateway's network code.
  const { DEFAULT_DEADLINES, loadNetworkDescription } = await import('./config');
  const { peerBlockSources } = await import('./proofs/peer-block-sources');
  const { auditChain } = await import('./verify/audit/chain-audit');
  const { formatAuditReport } = await import('./verify/audit/audit-report');
  const network = loadNetworkDescription();
  const orgs = network.orgs;
  const identity = orgs.find((o) => o.mspId === (values.as ?? 'AuditMSP')) ?? (values.as ? undefined : orgs[0]);
  if (!identity) throw new UsageError(`no org ${values.as} in the network description`);
  const sources = peerBlockSources(network, identity, DEFAULT_DEADLINES);
  const progress = progressBar('audit', values.json ? null : process.stderr);
  try {
    const report = await auditChain(sources, { onProgress: progress.update, trust });
    progress.done();
    console.log(values.json ? JSON.stringify(report, null, 2) : formatAuditReport(report).join('\n'));
    return report.ok ? 0 : 1;
  } finally {
    for (const source of sources) source.close();
  }
}

/** A one-line progress bar on a terminal (nothing when not a TTY or for JSON output). */
function progressBar(label: string, stream: NodeJS.WriteStream | null) {
  const tty = stream?.isTTY ? stream : null;
  const started = Date.now();
  let last = 0;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (!tty || (now - last < 100 && done < total)) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      tty.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} blocks ${((now - started) / 1000).toFixed(1)} s`);
    },
    done() {
      tty?.write('\n');
    },
  };
}

function readBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readBytes(file, what).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`the ${what} ${file} is not JSON`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      console.log(`${USAGE}\n\n${Object.values(HELP).join('\n\n')}`);
      return 0;
    }
    if (command === 'trust') return trustCommand(rest);
    if (command === 'verify') return await verifyCommand(rest);
    if (command === 'audit') return await auditCommand(rest);
    throw new UsageError(command ? `unknown command ${command}` : 'a command is required');
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`welfare-ledger: ${(err as Error).message}`);
    if (usage) console.error(USAGE);
    return 2;
  }
}

if (require.main === module || require.main?.filename.endsWith('welfare-ledger.js')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

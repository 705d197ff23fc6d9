/**
 * The `welfare-ledger` command.
 *
 *   welfare-ledger verify <bundle.json> [--trusted-tip N:hash] [--checkpoint checkpoint.json] [--config-block welfare.block] [--json]
 *       Checks a proof bundle offline; exit 0 only when every check passes, 1 when one fails.
 *       --config-block pins the channel's MSP roots to a config block file the auditor holds.
 *   welfare-ledger audit [--json] [--as MSP]
 *       Reads every block from a peer of each org (network description in $WELFARE_RUN_DIR/network.json),
 *       re-verifies them and compares the orgs' chains; exit 0 only when nothing is found.
 *
 * Exit 2: bad usage, an unreadable file, or the network unreachable.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTrustedTip } from './verify/bundle';
import { configBlockHash } from './verify/config-block-file';
import type { SignedCheckpoint } from './verify/checkpoint';
import { formatVerification } from './verify/report';
import { verifyBundle } from './verify/verify-bundle';

const USAGE = `usage:
  welfare-ledger verify <bundle.json> [--trusted-tip N:hash] [--checkpoint checkpoint.json] [--config-block welfare.block] [--json]
  welfare-ledger audit [--json] [--as MSP]`;

class UsageError extends Error {}

function verifyCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'trusted-tip': { type: 'string' }, checkpoint: { type: 'string' }, 'config-block': { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('verify takes one bundle file');
  const trustedTip = values['trusted-tip'] ? parseTrustedTip(values['trusted-tip']) : undefined;
  const checkpoint = values.checkpoint ? (readJson(values.checkpoint, 'checkpoint') as SignedCheckpoint) : undefined;
  const trustedConfigHash = values['config-block'] ? configBlockHash(readBytes(values['config-block'], 'config block')).hash : undefined;
  const result = verifyBundle(readJson(positionals[0], 'bundle'), { trustedTip, checkpoint, trustedConfigHash });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatVerification(result).join('\n'));
  return result.ok ? 0 : 1;
}

async function auditCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, as: { type: 'string' } } });
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
    const report = await auditChain(sources, { onProgress: progress.update });
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
    if (command === 'verify') return verifyCommand(rest);
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

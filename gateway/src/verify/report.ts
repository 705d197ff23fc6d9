/** Prints a verification as one line per check, failures marked, and a closing verdict. */
import type { Verification } from './verify-bundle';

export function formatVerification(result: Verification): string[] {
  const width = Math.max(...result.checks.map((c) => c.check.length));
  const lines = result.checks.map((c) => `${c.ok ? 'ok    ' : 'FAILED'}  ${c.check.padEnd(width)}  ${c.detail}`);
  const failed = result.checks.filter((c) => !c.ok);
  const s = result.subject;
  const what = s ? `${s.kind === 'access-event' ? `access event ${s.eventId} in ` : ''}transaction ${s.txId} (block ${s.blockNumber})` : 'the bundle';
  if (failed.length > 0) {
    lines.push(`NOT VERIFIED: ${what}: ${failed.length} check${failed.length === 1 ? '' : 's'} failed (${failed.map((c) => c.check).join(', ')})`);
  } else if (!result.anchored) {
    lines.push(`CONSISTENT, NOT VERIFIED: ${what}: no trust anchor, so nothing ties the bundle to your channel (run \`welfare-ledger trust init <genesis block>\`)`);
  } else {
    lines.push(`VERIFIED: ${what}; block ${s?.blockNumber} hash ${s?.blockHash} (keep it as --trusted-tip ${s?.blockNumber}:${s?.blockHash})`);
  }
  return lines;
}

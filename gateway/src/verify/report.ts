/** Prints a verification as one line per check, failures marked, and a closing verdict. */
import type { Verification } from './verify-bundle';

export function formatVerification(result: Verification): string[] {
  const width = Math.max(...result.checks.map((c) => c.check.length));
  const lines = result.checks.map((c) => `${c.ok ? 'ok    ' : 'FAILED'}  ${c.check.padEnd(width)}  ${c.detail}`);
  const failed = result.checks.filter((c) => !c.ok);
  const what = result.subject
    ? `${result.subject.kind === 'access-event' ? `access event ${result.subject.eventId} in ` : ''}transaction ${result.subject.txId} (block ${result.subject.blockNumber})`
    : 'the bundle';
  lines.push(
    failed.length === 0
      ? `VERIFIED: ${what}; chain tip ${result.subject?.tip.number} ${result.subject?.tip.hash}`
      : `NOT VERIFIED: ${what}: ${failed.length} check${failed.length === 1 ? '' : 's'} failed (${failed.map((c) => c.check).join(', ')})`,
  );
  return lines;
}

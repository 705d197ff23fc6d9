/**
 * Verifies bundles given as text (or its UTF-8 bytes), one after the other in this thread: what each worker of
 * `verify many` runs on its share. Consecutive bundles usually share blocks and config blocks, so
 * the verifier's caches (config read once, signatures checked once, by exact bytes) serve them.
 */
import type { CheckResult } from '../check';
import { fail } from '../check';
import { verifyBundle, type Verification, type VerifyOptions } from '../verify-bundle';
import type { BundleText } from './bundle-stream';

/** One bundle's outcome, small enough to pass between threads: the failed checks only. */
export interface BundleOutcome {
  source: string;
  ok: boolean;
  consistent: boolean;
  subject?: Verification['subject'];
  failed: CheckResult[];
}

export function verifyTexts(bundles: BundleText[], options: VerifyOptions): BundleOutcome[] {
  return bundles.map(({ source, text }) => {
    let input: unknown;
    try {
      input = JSON.parse(typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'));
    } catch {
      return { source, ok: false, consistent: false, failed: [fail('bundle-format', 'not JSON')] };
    }
    const result = verifyBundle(input, options);
    return { source, ok: result.ok, consistent: result.consistent, subject: result.subject, failed: result.checks.filter((c) => !c.ok) };
  });
}

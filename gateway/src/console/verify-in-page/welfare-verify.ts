/**
 * The verifier in the page: `window.welfareVerify(bundleJson, trustJson)` runs the same
 * verifyBundle as `welfare-ledger verify`, on a bundle the console fetched and a trust file the
 * auditor loaded, and answers with the verdict and every named check. Nothing here takes the
 * server's word: no "verified" flag is read, only the bundle's bytes and the auditor's anchor.
 */
import { trustProblem, verifyBundle, type TrustAnchor, type Verification } from '../../verify';

export type Verdict = 'VERIFIED' | 'REFUSED';

export interface PageVerification {
  verdict: Verdict;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  subject?: Verification['subject'];
}

/** A bundle (JSON text or parsed) against a trust file (JSON text or parsed). Throws only for a trust file that is not one. */
export function welfareVerify(bundleJson: unknown, trustJson: unknown): PageVerification {
  const trust = readTrust(trustJson);
  const bundle = parseBundle(bundleJson);
  const result = 'unreadable' in bundle ? unreadable(bundle.unreadable) : verifyBundle(bundle.value, { trust });
  return {
    verdict: result.ok ? 'VERIFIED' : 'REFUSED',
    checks: result.checks.map((c) => ({ name: c.check, ok: c.ok, detail: c.detail })),
    subject: result.subject,
  };
}

function readTrust(trustJson: unknown): TrustAnchor {
  const trust = typeof trustJson === 'string' ? JSON.parse(trustJson) : trustJson;
  const problem = trustProblem(trust);
  if (problem) throw new Error(`the trust file: ${problem}`);
  return trust as TrustAnchor;
}

function parseBundle(bundleJson: unknown): { value: unknown } | { unreadable: string } {
  if (typeof bundleJson !== 'string') return { value: bundleJson };
  try {
    return { value: JSON.parse(bundleJson) };
  } catch (err) {
    return { unreadable: `the bundle is not JSON: ${(err as Error).message}` };
  }
}

function unreadable(detail: string): Verification {
  return { ok: false, consistent: false, anchored: true, checks: [{ check: 'bundle-format', ok: false, detail }] };
}

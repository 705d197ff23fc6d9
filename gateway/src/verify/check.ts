/** What every check reports: its name, whether it passed, and one line saying why. */

export const CHECK_NAMES = [
  'bundle-format',
  'trust-anchor',
  'config-chain',
  'orderer-signatures',
  'data-hash',
  'header-chain',
  'transaction-in-block',
  'validation-code',
  'validation-attestations',
  'transaction-integrity',
  'creator-signature',
  'endorsement-signatures',
  'endorser-certificates',
  'endorsement-policy',
  'write-set',
  'merkle-path',
  'trusted-tip',
  'checkpoint',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckResult {
  check: CheckName;
  ok: boolean;
  detail: string;
}

export const pass = (check: CheckName, detail: string): CheckResult => ({ check, ok: true, detail });
export const fail = (check: CheckName, detail: string): CheckResult => ({ check, ok: false, detail });

/** Runs a check, turning anything it throws (undecodable input) into a failure of that check. */
export function guarded(check: CheckName, run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch (err) {
    return fail(check, `cannot be checked: ${(err as Error).message}`);
  }
}

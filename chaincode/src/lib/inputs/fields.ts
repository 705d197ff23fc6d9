/**
 * The field formats of ledger inputs as zod schemas. Each message is plain English; the chaincode
 * prefixes the field path, the gateway lists it under the path.
 */
import { z } from 'zod';
import { FORMATS } from '../formats';
import { isInstant, isRealDate } from '../time';

/** Free text (names, legal bases, decision references): not blank, bounded, no control characters. */
export function ledgerText(maxLength: number) {
  return z
    .string()
    .max(maxLength)
    // eslint-disable-next-line no-control-regex
    .refine((value) => value.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(value), {
      message: `text of 1 to ${maxLength} characters without control characters`,
    });
}

export const ledgerId = z.string().regex(FORMATS.id, 'an id of 1 to 128 letters, digits or . _ : -');
export const pseudonymRef = z.string().regex(FORMATS.pseudonym, '64 lowercase hex (a keyed pseudonym)');
export const sha256Input = z.string().regex(FORMATS.sha256, 'a sha256 in 64 lowercase hex');
export const programmeIdInput = z.string().regex(FORMATS.programmeId, 'an upper-case programme id such as MINIMUM_LIVING');
export const codeInput = z.string().regex(FORMATS.code, 'an upper-case code such as CITY_DEATH_REGISTRY');
export const periodInput = z.string().regex(FORMATS.period, 'a period YYYY-MM');
export const districtCodeInput = z.string().regex(FORMATS.districtCode, 'a 6-digit district code (GB/T 2260)');
export const realDateInput = z.string().refine(isRealDate, { message: 'a real date YYYY-MM-DD' });
export const instantInput = z.string().refine(isInstant, { message: 'an ISO-8601 UTC time such as 2024-05-01T08:30:00Z' });
export const positiveFenInput = z.number().int().positive().describe('integer fen (CNY minor unit)');
/** A free-text reference to the decision letter behind an eligibility change. */
export const decisionRefInput = ledgerText(128);

/**
 * Adds an issue that states a problem in its own words ("repeats lineId L-7", "is before
 * validFrom") rather than naming the format a value must have; the chaincode quotes it as it is.
 */
export function addProblem(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { problem: true } });
}

/**
 * A refinement for a list whose items must differ in one key: the first repeat is named at its
 * path, e.g. `lines[3].lineId: repeats lineId L-7`.
 */
export function uniqueBy<K extends string>(list: string, key: K) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const items = value[list] as Record<K, string>[];
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (seen.has(item[key])) {
        addProblem(ctx, [list, i, key], `repeats ${key} ${item[key]}`);
        return;
      }
      seen.add(item[key]);
    }
  };
}

/**
 * Ledger inputs as zod schemas, defined once: the chaincode validates its transaction arguments
 * with them and the gateway builds its request schemas from them, so a value one accepts the
 * other accepts too. zod is deterministic (no clock, no randomness), so it may run in chaincode.
 * Each schema's messages are plain English; the chaincode prefixes the field path.
 */
import { z } from 'zod';
import { FORMATS } from './formats';
import { ACCESS_PURPOSES } from './records';
import { isInstant } from './time';

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
export const programmeIdInput = z.string().regex(FORMATS.programmeId, 'an upper-case programme id such as MINIMUM_LIVING');
export const instantInput = z.string().refine(isInstant, { message: 'an ISO-8601 UTC time such as 2024-05-01T08:30:00Z' });
export const positiveFenInput = z.number().int().positive().describe('integer fen (CNY minor unit)');

// -- access events ---------------------------------------------------------------------------
/** What an access event says about the access, apart from its ids and subject. */
export const accessEventFields = {
  datasetCode: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a dataset code of letters, digits or _ . : -'),
  fields: z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a field name of letters, digits or _ . -')).min(1).max(256),
  purpose: z.enum(ACCESS_PURPOSES),
  legalBasis: ledgerText(256),
  accessedAt: instantInput,
  resultCount: z.number().int().min(0),
};

/** An access event as the ledger anchors it. */
export const accessEventSchema = z.strictObject({
  eventId: ledgerId,
  accessorSystemId: ledgerId,
  subjectRef: pseudonymRef,
  ...accessEventFields,
});

// -- programmes ------------------------------------------------------------------------------
export const programmeFields = {
  nameEn: ledgerText(200),
  nameZh: ledgerText(100),
  monthlyCapFen: positiveFenInput,
};

export const programmeSchema = z.strictObject({ id: programmeIdInput, ...programmeFields });

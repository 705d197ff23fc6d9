/** Access events, one at a time and anchored together under a Merkle root. */
import { z } from 'zod';
import { ACCESS_PURPOSES } from '../records';
import { instantInput, ledgerId, ledgerText, pseudonymRef, sha256Input, uniqueBy } from './fields';

/** The largest number of access events one anchoring transaction accepts. */
export const MAX_EVENTS_PER_BATCH = 10_000;

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
export type AccessEventInput = z.infer<typeof accessEventSchema>;

/** One anchoring transaction: its events (each eventId once) and the root they must hash to. */
export const anchorSchema = z
  .strictObject({
    batchId: ledgerId,
    events: z.array(accessEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
    merkleRoot: sha256Input,
  })
  .superRefine(uniqueBy('events', 'eventId'));
export type AnchorInput = z.infer<typeof anchorSchema>;

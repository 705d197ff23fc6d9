/** Where a caller gets the proof of a transaction or an access event (for receipts and history rows). */
export const proofLink = (txId: string): string => `/v1/proofs/tx/${txId}`;
export const accessEventProofLink = (eventId: string): string => `/v1/proofs/access-events/${encodeURIComponent(eventId)}`;

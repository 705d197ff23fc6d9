/** Field formats the ledger accepts; the gateway may use them to refuse early. */
export const FORMATS = {
  /** HMAC-SHA256 pseudonym of a citizen id or bank account: 64 lowercase hex. */
  pseudonym: /^[0-9a-f]{64}$/,
  sha256: /^[0-9a-f]{64}$/,
  programmeId: /^[A-Z][A-Z0-9_]{1,63}$/,
  /** lineId, batchId, eventId, systemId, bankRef ...: bounded, no spaces or control characters. */
  id: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
  /** Upper-case codes: suspension reasons, evidence kinds, sources, dataset codes. */
  code: /^[A-Z][A-Z0-9_.-]{0,63}$/,
  period: /^\d{4}-(0[1-9]|1[0-2])$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  /** GB/T 2260 administrative division code. */
  districtCode: /^\d{6}$/,
  /** ISO-8601 UTC instant, e.g. 2024-05-01T08:30:00Z or with milliseconds. */
  instant: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/,
} as const;

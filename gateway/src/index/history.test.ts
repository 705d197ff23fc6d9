import { beneficiaryHistory, type HistoryEntry } from './queries';
import { memoryIndex } from './testing/index-db';
import { A, B, C, cityScenario } from './testing/scenario';

const summary = (entry: HistoryEntry) => {
  const record = entry.record as { lineId?: string; programmeId?: string; eventId?: string };
  return `${entry.blockNumber} ${entry.kind} ${entry.action} ${record.lineId ?? record.eventId ?? record.programmeId ?? ''}`.trim();
};

describe("a beneficiary's history", () => {
  const db = memoryIndex(cityScenario().blocks);

  it('lists eligibility changes, payments, rejections, settlements and accesses to their data in chain order', () => {
    expect(beneficiaryHistory(db, A).items.map(summary)).toEqual([
      '2 Eligibility GRANT ELDERLY_ALLOWANCE',
      '2 Eligibility GRANT DISABILITY_LIVING',
      '3 DisbursementLine POSTED L1',
      '3 DisbursementLine REJECTED L4',
      '4 DisbursementLine SETTLED L1',
      '6 Eligibility TRANSFER_DISTRICT ELDERLY_ALLOWANCE',
      '6 DisbursementLine POSTED L5',
      '8 AccessEvent ACCESSED AE-1',
      '8 AccessEvent ACCESSED AE-3',
      '9 DisbursementLine RETURNED L5',
      '9 DisbursementLine POSTED L10',
    ]);
  });

  it('shows a death with the suspensions and overpayments it caused, and the recovery by a returned payment', () => {
    expect(beneficiaryHistory(db, B).items.map(summary).slice(4)).toEqual([
      '6 DisbursementLine POSTED L6',
      '6 DisbursementLine REJECTED L8',
      '6 DisbursementLine POSTED L11',
      '7 Death RECORDED',
      '7 Eligibility SUSPEND ELDERLY_ALLOWANCE',
      '7 Eligibility SUSPEND DISABILITY_LIVING',
      '7 Overpayment FLAGGED L6',
      '7 Overpayment FLAGGED L11',
      '8 AccessEvent ACCESSED AE-2',
      '9 DisbursementLine REJECTED L9',
      '10 DisbursementLine RETURNED L6',
      '10 Overpayment RECOVERED L6',
    ]);
  });

  it('every entry names the transaction that wrote it and carries the record as written', () => {
    for (const entry of beneficiaryHistory(db, B, { limit: 500 }).items) {
      expect(entry.txId).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      if (entry.kind === 'Eligibility') expect((entry.record as { txId: string }).txId).toBe(entry.txId);
    }
    const access = beneficiaryHistory(db, B).items.find((entry) => entry.kind === 'AccessEvent')!;
    expect(access.record).toMatchObject({ eventId: 'AE-2', batchId: 'AB-1', leafIndex: 1, purpose: 'DEATH_VERIFICATION' });
  });

  it('pages follow one another with no gap and no repeat', () => {
    const whole = beneficiaryHistory(db, B, { limit: 500 }).items;
    const paged: HistoryEntry[] = [];
    let cursor: string | null = null;
    do {
      const page = beneficiaryHistory(db, B, { limit: 4, cursor });
      expect(page.items.length).toBeLessThanOrEqual(4);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
    expect(whole).toHaveLength(16);
  });

  it('the last page has no next cursor', () => {
    expect(beneficiaryHistory(db, A, { limit: 11 }).nextCursor).toBeNull();
    expect(beneficiaryHistory(db, A, { limit: 10 }).nextCursor).not.toBeNull();
  });

  it("never shows another subject's records", () => {
    const entries = beneficiaryHistory(db, C).items;
    expect(entries.map(summary)).toEqual(['3 DisbursementLine REJECTED L3', '6 DisbursementLine REJECTED L7']);
    expect(beneficiaryHistory(db, '0'.repeat(64)).items).toEqual([]);
  });

  it('a cursor the API did not issue, or a page size out of range, is refused as a validation error', () => {
    expect(() => beneficiaryHistory(db, A, { cursor: 'not-a-cursor' })).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION' }));
    expect(() => beneficiaryHistory(db, A, { limit: 0 })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => beneficiaryHistory(db, A, { limit: 501 })).toThrow(expect.objectContaining({ status: 400 }));
  });
});

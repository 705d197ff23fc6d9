import { anomalies, openOverpayments, rejectedLines } from './queries';
import { memoryIndex } from './testing/index-db';
import { B, cityScenario, DISABILITY, ELDERLY } from './testing/scenario';

describe('anomalies', () => {
  const db = memoryIndex(cityScenario().blocks);

  it('group rejected lines by reason code in the order the checks run, with counts and totals in fen', () => {
    const { rejections } = anomalies(db);
    expect(rejections.map((r) => [r.reasonCode, r.count, r.totalFen, r.lines.items.map((l) => l.record.lineId)])).toEqual([
      ['INVALID_AMOUNT', 1, 0, ['L7']],
      ['NOT_ELIGIBLE', 1, 20_000, ['L3']],
      ['DECEASED', 1, 20_000, ['L9']],
      ['DUPLICATE', 1, 20_000, ['L4']],
      ['AMOUNT_EXCEEDS_STANDARD', 1, 40_000, ['L8']],
    ]);
  });

  it('every rejected line names the batch transaction that recorded the attempt', () => {
    for (const group of anomalies(db).rejections) {
      for (const line of group.lines.items) {
        expect(line.txId).toBe(line.record.txId);
        expect(line.record.reasonCode).toBe(group.reasonCode);
        expect(line.blockNumber).toBeGreaterThan(0);
      }
    }
  });

  it('list open overpayments only: one recovered by a returned payment is no longer open', () => {
    const { openOverpayments: open } = anomalies(db);
    expect(open.count).toBe(1);
    expect(open.totalFen).toBe(15_000);
    expect(open.items.items.map((o) => [o.record.lineId, o.record.subjectRef, o.record.status, o.flaggedBlockNumber])).toEqual([
      ['L11', B, 'OPEN', 7],
    ]);
  });

  it('filter by programme and period', () => {
    const elderlyJuly = anomalies(db, { programmeId: ELDERLY, period: '2024-07' });
    expect(elderlyJuly.rejections.map((r) => r.reasonCode)).toEqual(['INVALID_AMOUNT', 'AMOUNT_EXCEEDS_STANDARD']);
    expect(elderlyJuly.openOverpayments.count).toBe(0);
    expect(anomalies(db, { programmeId: DISABILITY }).openOverpayments.count).toBe(1);
  });

  it('page through all rejected lines in chain order', () => {
    const first = rejectedLines(db, { limit: 2 });
    const second = rejectedLines(db, { limit: 2, cursor: first.nextCursor });
    const third = rejectedLines(db, { limit: 2, cursor: second.nextCursor });
    expect([first, second, third].flatMap((p) => p.items.map((l) => l.record.lineId))).toEqual(['L3', 'L4', 'L7', 'L8', 'L9']);
    expect(third.nextCursor).toBeNull();
    expect(rejectedLines(db, { reasonCode: 'DECEASED' }).items.map((l) => l.record.lineId)).toEqual(['L9']);
    expect(openOverpayments(db, { limit: 1 }).nextCursor).toBeNull();
  });
});

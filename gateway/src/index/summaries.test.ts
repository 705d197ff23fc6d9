import { summaries, type SummaryGroup } from './queries';
import { memoryIndex } from './testing/index-db';
import { cityScenario, DISABILITY, ELDERLY } from './testing/scenario';

/** [programme, district, period, posted, settled, returned, awaiting, rejected] with each tally as "count/fen". */
const row = (g: SummaryGroup) => [
  g.programmeId,
  g.districtCode,
  g.period,
  ...[g.posted, g.settled, g.returned, g.awaitingSettlement, g.rejected].map((t) => `${t.count}/${t.totalFen}`),
];

describe('disbursement summaries', () => {
  const db = memoryIndex(cityScenario().blocks);

  it('count and total posted, settled, returned, awaiting and rejected lines per programme, district and period', () => {
    expect(summaries(db).groups.map(row)).toEqual([
      [DISABILITY, '310105', '2024-07', '1/15000', '0/0', '0/0', '1/15000', '0/0'],
      [ELDERLY, null, '2024-06', '0/0', '0/0', '0/0', '0/0', '1/20000'],
      [ELDERLY, null, '2024-07', '0/0', '0/0', '0/0', '0/0', '1/0'],
      [ELDERLY, '310104', '2024-06', '1/20000', '1/20000', '0/0', '0/0', '1/20000'],
      [ELDERLY, '310105', '2024-06', '1/20000', '1/20000', '0/0', '0/0', '0/0'],
      [ELDERLY, '310105', '2024-07', '1/20000', '0/0', '1/20000', '0/0', '1/40000'],
      [ELDERLY, '310105', '2024-08', '0/0', '0/0', '0/0', '0/0', '1/20000'],
      [ELDERLY, '310106', '2024-07', '1/20000', '0/0', '1/20000', '0/0', '0/0'],
      [ELDERLY, '310106', '2024-08', '1/20000', '0/0', '0/0', '1/20000', '0/0'],
    ]);
  });

  it('totals add up every group, in fen', () => {
    expect(summaries(db).totals).toEqual({
      posted: { count: 6, totalFen: 115_000 },
      settled: { count: 2, totalFen: 40_000 },
      returned: { count: 2, totalFen: 40_000 },
      awaitingSettlement: { count: 2, totalFen: 35_000 },
      rejected: { count: 5, totalFen: 100_000 },
    });
  });

  it('a payment stays in the district the beneficiary had when it was paid, even after a transfer', () => {
    const june = summaries(db, { programmeId: ELDERLY, period: '2024-06', districtCode: '310104' });
    expect(june.groups.map(row)).toEqual([[ELDERLY, '310104', '2024-06', '1/20000', '1/20000', '0/0', '0/0', '1/20000']]);
    expect(summaries(db, { districtCode: '310106', period: '2024-06' }).groups).toEqual([]);
  });

  it('filters by programme, district and period together', () => {
    const july = summaries(db, { period: '2024-07' });
    expect(july.groups.map((g) => [g.programmeId, g.districtCode])).toEqual([
      [DISABILITY, '310105'],
      [ELDERLY, null],
      [ELDERLY, '310105'],
      [ELDERLY, '310106'],
    ]);
    expect(summaries(db, { programmeId: DISABILITY }).totals.posted).toEqual({ count: 1, totalFen: 15_000 });
  });

  it('say which block they describe', () => {
    expect(summaries(db).asOf).toEqual({ blockNumber: 10 });
    expect(summaries(memoryIndex()).asOf).toEqual({ blockNumber: -1 });
  });
});

/**
 * The gateway accepts exactly what the ledger accepts: the same cases the chaincode's tests feed
 * to its checks (chaincode/src/testing/input-cases.ts) are fed here to the request schemas.
 */
import { ACCESS_EVENT_CASES, PROGRAMME_CASES } from '../../../chaincode/src/testing/input-cases';
import { accessEventInput, programmeInput, programmeUpdate } from './schemas';

const goodEvent = {
  subjectRef: 'a'.repeat(64), datasetCode: 'MZ_JZ_DBDX', fields: ['name'], purpose: 'ELIGIBILITY_REVIEW', legalBasis: 'law',
  accessedAt: '2024-06-20T08:00:00Z', resultCount: 1,
};
const goodProgramme = { id: 'MINIMUM_LIVING', nameEn: 'Minimum living', nameZh: '低保', monthlyCapFen: 100_000 };

describe('request schemas shared with the ledger', () => {
  it.each(ACCESS_EVENT_CASES)('an access event with $name: accepted $accepted', ({ change, accepted }) => {
    expect(accessEventInput.safeParse({ ...goodEvent, ...change }).success).toBe(accepted);
  });

  it.each(PROGRAMME_CASES)('a programme with $name: accepted $accepted', ({ change, accepted }) => {
    expect(programmeInput.safeParse({ ...goodProgramme, ...change }).success).toBe(accepted);
  });

  it.each(PROGRAMME_CASES)('a programme update with $name: accepted $accepted', ({ change, accepted }) => {
    expect(programmeUpdate.safeParse(change).success).toBe(accepted);
  });

  it('an access event names its subject once: a citizen ID or a subjectRef', () => {
    const { subjectRef: _ref, ...noSubject } = goodEvent;
    expect(accessEventInput.safeParse(noSubject).success).toBe(false);
    expect(accessEventInput.safeParse({ ...goodEvent, citizenId: '11010519491231002X' }).success).toBe(false);
  });
});

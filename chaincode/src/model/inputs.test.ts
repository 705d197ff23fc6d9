import { ACCESS_EVENT_CASES, PROGRAMME_CASES } from '../testing/input-cases';
import { pseudonym } from '../testing/fixtures';
import { accessEvent } from './access';
import { programmeInput, programmeUpdate } from './programme';
import { object } from './validate';

const goodEvent = {
  eventId: 'EV-1', accessorSystemId: 'ca-relief', subjectRef: pseudonym('s'), datasetCode: 'MZ_JZ_DBDX', fields: ['name'],
  purpose: 'ELIGIBILITY_REVIEW', legalBasis: 'law', accessedAt: '2024-06-20T08:00:00Z', resultCount: 1,
};
const goodProgramme = { id: 'MINIMUM_LIVING', nameEn: 'Minimum living', nameZh: '低保', monthlyCapFen: 100_000 };

describe('the inputs the chaincode shares with the gateway', () => {
  it.each(ACCESS_EVENT_CASES)('an access event with $name: accepted $accepted', ({ change, accepted }) => {
    const check = () => accessEvent({ ...goodEvent, ...change }, 'event');
    if (accepted) expect(check()).toEqual({ ...goodEvent, ...change });
    else expect(check).toThrow('[VALIDATION] event.');
  });

  it.each(PROGRAMME_CASES)('a programme with $name: accepted $accepted', ({ change, accepted }) => {
    const check = () => programmeInput({ ...goodProgramme, ...change }, 'programme');
    if (accepted) expect(check()).toEqual({ ...goodProgramme, ...change });
    else expect(check).toThrow('[VALIDATION] programme.');
  });

  it.each(PROGRAMME_CASES.filter((c) => !('owner' in c.change)))('a programme update with $name: accepted $accepted', ({ change, accepted }) => {
    const check = () => programmeUpdate({ id: goodProgramme.id, ...change }, 'update');
    if (accepted) expect(check()).toMatchObject(change);
    else expect(check).toThrow('[VALIDATION] update.');
  });

  it('names the field at fault: required, of the wrong type, or not an object at all', () => {
    const { legalBasis: _omitted, ...withoutBasis } = goodEvent;
    expect(() => accessEvent(withoutBasis, 'e')).toThrow('[VALIDATION] e.legalBasis: is required');
    expect(() => accessEvent({ ...goodEvent, resultCount: '1' }, 'e')).toThrow('[VALIDATION] e.resultCount: must be of type number');
    expect(() => accessEvent({ ...goodEvent, fields: ['x', 7] }, 'e')).toThrow('[VALIDATION] e.fields[1]: must be of type string');
    expect(() => accessEvent([goodEvent], 'e')).toThrow('[VALIDATION] e: must be an object');
    expect(() => object({})([], 'o')).toThrow('[VALIDATION] o: must be an object');
  });
});
